using Google.Protobuf;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.FileComparison;

/// <summary>
/// SVB's side of the file comparison in pieces, for a node that streams the run through its database instead of
/// holding it in one <see cref="SvbHouseholdSelector"/>: income requests in chunks, the validated per-person parts as
/// opaque records to store, and the comparison inputs of one batch of households. Sans-I/O, like the selector,
/// which is built from the same pieces.
/// </summary>
public static class SvbComparisonInputs
{
    /// <summary>
    /// One chunk of the income request: <paramref name="personIds"/> must be strictly ascending (a slice of the sorted,
    /// distinct ids); <paramref name="belowAowAge"/>, when given, flags per id a partner below AOW age, the one thing
    /// besides the BSN that UWV may know (art. 5b).
    /// </summary>
    public static IncomeRequest CreateRequest(IReadOnlyList<string> personIds, RandomSource random, IReadOnlyList<bool>? belowAowAge = null)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfZero(personIds.Count, nameof(personIds));
        if (!IncomeRequestRules.IsStrictlyAscending(personIds))
        {
            throw new ArgumentException("The person ids must be strictly ascending.", nameof(personIds));
        }

        Span<byte> id = stackalloc byte[IncomeRequestRules.RequestIdBytes];
        random.Fill(id);
        var request = new IncomeRequest { RequestId = ByteString.CopyFrom(id) };
        request.PersonIds.AddRange(personIds);
        if (belowAowAge is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(belowAowAge.Count, personIds.Count, nameof(belowAowAge));
            if (belowAowAge.Any(b => b))
            {
                request.BelowAowAge.AddRange(belowAowAge);
            }
        }

        return request;
    }

    /// <summary>
    /// Validates UWV's answer to <paramref name="request"/> (request id, key, count, every ciphertext) and returns one
    /// opaque record per asked person (the part and the single supplement, two ciphertexts), in request order, for
    /// <see cref="ImportPart"/>. Throws <see cref="ProtocolException"/>.
    /// </summary>
    public static IReadOnlyList<byte[]> ReadResponse(IncomeRequest request, IncomeResponse response, PaillierPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(key);
        ReadParts(request.RequestId, request.PersonIds.Count, response, key);
        var length = key.CiphertextBytes;
        var parts = response.Ciphertexts.Span;
        var supplements = response.SingleSupplements.Span;
        var records = new byte[request.PersonIds.Count][];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = [.. parts.Slice(i * length, length), .. supplements.Slice(i * length, length)];
        }

        return records;
    }

    /// <summary>A record from <see cref="ReadResponse"/> back as its two ciphertexts, validated again (it comes from storage).</summary>
    public static PersonCiphertexts ImportPart(PaillierPublicKey key, ReadOnlySpan<byte> record)
    {
        ArgumentNullException.ThrowIfNull(key);
        var length = key.CiphertextBytes;
        if (record.Length != 2 * length)
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, $"A stored part record has {record.Length} bytes; {2 * length} were expected.");
        }

        return new PersonCiphertexts(Import(key, record[..length]), Import(key, record[length..]));
    }

    private static PaillierCiphertext Import(PaillierPublicKey key, ReadOnlySpan<byte> bytes)
        => key.TryImportCiphertext(bytes, out var ciphertext, out var failure)
            ? ciphertext
            : throw new ProtocolException(failure, $"A stored part is not a ciphertext under the agreed key ({failure}).");

    /// <summary>
    /// The comparison inputs of one batch: x = norm − 1 (SVB's own plaintext; it is never encrypted) and y = [income]
    /// per household, then <paramref name="padding"/> dummy comparisons (see <see cref="SvbHouseholdSelector.ComparisonCount"/>);
    /// [x ≥ y] = [income &lt; norm].
    /// </summary>
    public static (long[] NormsMinusOne, PaillierCiphertext[] Incomes) Build(
        ComparisonSettings settings, PaillierPublicKey key, IReadOnlyList<HouseholdFormula> households, int padding, Func<string, PersonCiphertexts> part, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var incomes = new PaillierCiphertext[households.Count];
        Parallel.For(0, households.Count, h => incomes[h] = Income(key, households[h], part));

        // Dummy comparisons: any in-range input does, since the key holder's view does not depend on the inputs;
        // their results are dropped.
        var dummy = SecureComparisonInput.Encrypt(key, 0, settings, random);
        return (
            [.. households.Select(h => h.NormCents - 1), .. Enumerable.Repeat(0L, padding)],
            [.. incomes, .. Enumerable.Repeat<PaillierCiphertext>(dummy, padding)]);
    }

    /// <summary>Checks UWV's answer against the request (id, key, count) and reads every ciphertext: parts and single supplements.</summary>
    internal static PersonCiphertexts[] ReadParts(ByteString requestId, int count, IncomeResponse response, PaillierPublicKey key)
    {
        if (response.RequestId != requestId)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, "The response does not answer this request.");
        }

        if (!response.PaillierKeyId.Span.SequenceEqual(KeyFingerprint.Of(key)))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The response is under another Paillier key than the one agreed.");
        }

        if (response.Count != (uint)count)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, $"The response holds {response.Count} parts; {count} were asked.");
        }

        var parts = CiphertextCodec.ReadPaillier(response.Ciphertexts, count, key, "ciphertexts");
        var supplements = CiphertextCodec.ReadPaillier(response.SingleSupplements, count, key, "single_supplements");
        return [.. parts.Zip(supplements, (part, supplement) => new PersonCiphertexts(part, supplement))];
    }

    /// <summary>[Σ c_i·part_i + Σ d_i·supplement_i + constant]: homomorphic additions and plaintext multiplications only.</summary>
    private static PaillierCiphertext Income(PaillierPublicKey key, HouseholdFormula household, Func<string, PersonCiphertexts> part)
    {
        PaillierCiphertext? sum = null;
        for (var i = 0; i < household.MemberIds.Count; i++)
        {
            var member = part(household.MemberIds[i]);
            sum = AddTerm(key, sum, member.Part, household.Coefficients[i]);
            if (household.SupplementCoefficients[i] != 0)
            {
                sum = AddTerm(key, sum, member.SingleSupplement, household.SupplementCoefficients[i]);
            }
        }

        return key.AddPlain(sum!, key.Backend.FromInt64(household.ConstantCents));
    }

    private static PaillierCiphertext AddTerm(PaillierPublicKey key, PaillierCiphertext? sum, PaillierCiphertext value, long coefficient)
    {
        var term = coefficient == 1 ? value : key.MultiplyPlain(value, key.Backend.FromInt64(coefficient));
        return sum is null ? term : key.Add(sum, term);
    }
}

/// <summary>One person's two ciphertexts from UWV: the part if living with a partner, and the extra if single (art. 5b: UWV does not learn which applies).</summary>
public sealed record PersonCiphertexts(PaillierCiphertext Part, PaillierCiphertext SingleSupplement);
