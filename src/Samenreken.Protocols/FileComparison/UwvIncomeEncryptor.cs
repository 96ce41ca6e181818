using Google.Protobuf;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.FileComparison;

/// <summary>
/// UWV's part of the file comparison (the key holder; docs/pilot-run.md): answers SVB's <see cref="IncomeRequest"/>
/// with one fresh Paillier encryption of each asked person's per-person part under UWV's own key, in request order.
/// A person UWV does not know gets an encryption of 0 through the same path, so the answer has the same shape either
/// way and SVB cannot tell the two apart. UWV sees only the sorted, de-duplicated ids: no household, norm or result.
/// A sans-I/O party: it validates the request's shape (size, order, replay); that each id is a well-formed BSN is the
/// host's job. Not thread-safe: one request at a time.
/// </summary>
public sealed class UwvIncomeEncryptor
{
    /// <summary>Enough for the national scale (3.5 million AOW recipients plus younger partners).</summary>
    public const int DefaultMaxRequestSize = 1 << 22;

    private readonly PaillierPublicKey _key;
    private readonly IReadOnlyDictionary<string, IncomeParts> _atAowAge;
    private readonly IReadOnlyDictionary<string, IncomeParts> _belowAowAge;
    private readonly RandomSource _random;
    private readonly int _maxRequestSize;
    private readonly byte[] _keyId;
    private readonly HashSet<ByteString> _served = [];

    /// <param name="key">UWV's Paillier public key (UWV keeps the private key for the comparison).</param>
    /// <param name="parts">Per-person part in cents by person id; every value in [0, <paramref name="maxPartCents"/>].
    /// The same part for both age bands and no single supplement (answered as encryptions of 0).</param>
    /// <param name="maxPartCents">The public upper bound of a part, which SVB's range check relies on.</param>
    /// <param name="random">The CSPRNG for the encryptions.</param>
    /// <param name="maxRequestSize">The most ids one request may ask.</param>
    public UwvIncomeEncryptor(PaillierPublicKey key, IReadOnlyDictionary<string, long> parts, long maxPartCents, RandomSource random, int maxRequestSize = DefaultMaxRequestSize)
        : this(key, Parts(parts, maxPartCents), Parts(parts, maxPartCents), maxPartCents, 0, random, maxRequestSize)
    {
    }

    /// <param name="key">UWV's Paillier public key (UWV keeps the private key for the comparison).</param>
    /// <param name="atAowAge">Per person id: the part and the single supplement at the AOW-age rates.</param>
    /// <param name="belowAowAge">Per person id: the same at the rates below AOW age (for ids the request flags so).</param>
    /// <param name="maxPartCents">The public upper bound of a part, which SVB's range check relies on.</param>
    /// <param name="maxSupplementCents">The public upper bound of a single supplement.</param>
    /// <param name="random">The CSPRNG for the encryptions.</param>
    /// <param name="maxRequestSize">The most ids one request may ask.</param>
    public UwvIncomeEncryptor(PaillierPublicKey key, IReadOnlyDictionary<string, IncomeParts> atAowAge, IReadOnlyDictionary<string, IncomeParts> belowAowAge, long maxPartCents, long maxSupplementCents, RandomSource random, int maxRequestSize = DefaultMaxRequestSize)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(atAowAge);
        ArgumentNullException.ThrowIfNull(belowAowAge);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPartCents);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSupplementCents);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestSize, 1);
        if (atAowAge.Values.Concat(belowAowAge.Values).Any(v => v.PartCents < 0 || v.PartCents > maxPartCents || v.SingleSupplementCents < 0 || v.SingleSupplementCents > maxSupplementCents))
        {
            throw new ArgumentOutOfRangeException(nameof(atAowAge), $"Every per-person part must lie in [0, {maxPartCents}] and every supplement in [0, {maxSupplementCents}].");
        }

        _key = key;
        _atAowAge = atAowAge;
        _belowAowAge = belowAowAge;
        _random = random;
        _maxRequestSize = maxRequestSize;
        _keyId = KeyFingerprint.Of(key);
    }

    /// <summary>Requests answered (for the audit trail).</summary>
    public long RequestsServed { get; private set; }

    /// <summary>Ciphertexts sent, over all requests (for the audit trail).</summary>
    public long PersonsServed { get; private set; }

    /// <summary>Of <see cref="PersonsServed"/>, persons without Polis data (answered with an encryption of 0).</summary>
    public long UnknownPersonsServed { get; private set; }

    /// <summary>
    /// Encrypts the asked persons' parts. Refuses (with <see cref="ProtocolException"/>, nothing served) a request id
    /// that is not 16 bytes (<see cref="ProtocolFailure.WrongSession"/>), a replayed id
    /// (<see cref="ProtocolFailure.UnexpectedMessage"/>), an empty request (<see cref="ProtocolFailure.WrongBatchLength"/>),
    /// one above the limit (<see cref="ProtocolFailure.BatchTooLarge"/>), and ids that are not strictly ascending
    /// (<see cref="ProtocolFailure.MalformedMessage"/>).
    /// </summary>
    public IncomeResponse Answer(IncomeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestId.Length != IncomeRequestRules.RequestIdBytes)
        {
            throw new ProtocolException(ProtocolFailure.WrongSession, $"A request id has {IncomeRequestRules.RequestIdBytes} bytes.");
        }

        if (_served.Contains(request.RequestId))
        {
            throw new ProtocolException(ProtocolFailure.UnexpectedMessage, "This request was answered before; a replay is refused.");
        }

        var ids = request.PersonIds;
        if (ids.Count == 0)
        {
            throw new ProtocolException(ProtocolFailure.WrongBatchLength, "The request asks for no person.");
        }

        if (ids.Count > _maxRequestSize)
        {
            throw new ProtocolException(ProtocolFailure.BatchTooLarge, $"A request of {ids.Count} persons exceeds this party's limit of {_maxRequestSize}.");
        }

        if (!IncomeRequestRules.IsStrictlyAscending(ids))
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The person ids are not strictly ascending (sorted, without duplicates).");
        }

        var flags = request.BelowAowAge;
        if (flags.Count != 0 && flags.Count != ids.Count)
        {
            throw new ProtocolException(ProtocolFailure.MalformedMessage, "The age flags do not align with the person ids.");
        }

        var ciphertexts = new FreshPaillierCiphertext[ids.Count];
        var supplements = new FreshPaillierCiphertext[ids.Count];
        var unknown = 0;
        Parallel.For(0, ids.Count, i =>
        {
            var table = flags.Count != 0 && flags[i] ? _belowAowAge : _atAowAge;
            if (!table.TryGetValue(ids[i], out var parts))
            {
                Interlocked.Increment(ref unknown);
            }

            // The same two encryptions for a known and an unknown person, single or not: no timing or shape
            // difference reaches SVB, and UWV's answer does not depend on who is single.
            ciphertexts[i] = _key.Encrypt(_key.Backend.FromInt64(parts.PartCents), _random);
            supplements[i] = _key.Encrypt(_key.Backend.FromInt64(parts.SingleSupplementCents), _random);
        });

        _served.Add(request.RequestId);
        RequestsServed++;
        PersonsServed += ids.Count;
        UnknownPersonsServed += unknown;
        return new IncomeResponse
        {
            RequestId = request.RequestId,
            PaillierKeyId = ByteString.CopyFrom(_keyId),
            Count = (uint)ids.Count,
            Ciphertexts = CiphertextCodec.Write(ciphertexts, _key.CiphertextBytes),
            SingleSupplements = CiphertextCodec.Write(supplements, _key.CiphertextBytes),
        };
    }

    private static Dictionary<string, IncomeParts> Parts(IReadOnlyDictionary<string, long> parts, long maxPartCents)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Values.Any(v => v < 0 || v > maxPartCents))
        {
            throw new ArgumentOutOfRangeException(nameof(parts), $"Every per-person part must lie in [0, {maxPartCents}].");
        }

        return parts.ToDictionary(kv => kv.Key, kv => new IncomeParts(kv.Value, 0), StringComparer.Ordinal);
    }
}

/// <summary>What UWV encrypts for one person: the part, and the single supplement SVB adds only for a single.</summary>
/// <param name="PartCents">The per-person part, in cents.</param>
/// <param name="SingleSupplementCents">The extra net income if the person is single, in cents.</param>
public readonly record struct IncomeParts(long PartCents, long SingleSupplementCents);
