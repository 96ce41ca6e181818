using Google.Protobuf;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>Concatenated fixed-length ciphertexts on the wire: written in one buffer, read back with full validation.</summary>
internal static class CiphertextCodec
{
    public static ByteString Write(IReadOnlyList<FreshPaillierCiphertext> ciphertexts, int length)
    {
        var buffer = new byte[ciphertexts.Count * length];
        for (var i = 0; i < ciphertexts.Count; i++)
        {
            ciphertexts[i].WriteTo(buffer.AsSpan(i * length, length));
        }

        return UnsafeByteOperations.UnsafeWrap(buffer);
    }

    public static ByteString Write(IReadOnlyList<FreshDgkCiphertext> ciphertexts, int length)
    {
        var buffer = new byte[ciphertexts.Count * length];
        Parallel.For(0, ciphertexts.Count, i => ciphertexts[i].WriteTo(buffer.AsSpan(i * length, length)));
        return UnsafeByteOperations.UnsafeWrap(buffer);
    }

    public static PaillierCiphertext[] ReadPaillier(ByteString bytes, int count, PaillierPublicKey key, string field)
        => Read<PaillierCiphertext>(bytes, count, key.CiphertextBytes, field, (span, out ciphertext, out failure) =>
        {
            var valid = key.TryImportCiphertext(span, out var plain, out failure);
            ciphertext = plain;
            return valid;
        });

    public static DgkCiphertext[] ReadDgk(ByteString bytes, int count, DgkPublicKey key, string field)
        => Read<DgkCiphertext>(bytes, count, key.CiphertextBytes, field, (span, out ciphertext, out failure) =>
        {
            var valid = key.TryImportCiphertext(span, out var plain, out failure);
            ciphertext = plain;
            return valid;
        });

    private delegate bool TryImport<T>(ReadOnlySpan<byte> bytes, out T? ciphertext, out ValidationFailure failure);

    /// <summary>Slices and validates every ciphertext (in parallel); any invalid one refuses the whole field.</summary>
    private static T[] Read<T>(ByteString bytes, int count, int length, string field, TryImport<T> tryImport)
        where T : class
    {
        CheckLength(bytes, count, length, field);
        var memory = bytes.Memory;
        var result = new T[count];
        var gate = new Lock();
        var firstFailed = -1;
        var firstFailure = default(ValidationFailure);
        Parallel.For(0, count, i =>
        {
            if (tryImport(memory.Span.Slice(i * length, length), out var ciphertext, out var failure) && ciphertext is not null)
            {
                result[i] = ciphertext;
            }
            else
            {
                // The lowest refused index and its reason, whatever order the threads finish in.
                lock (gate)
                {
                    if (firstFailed < 0 || i < firstFailed)
                    {
                        firstFailed = i;
                        firstFailure = failure;
                    }
                }
            }
        });
        if (firstFailed >= 0)
        {
            throw new ProtocolException(firstFailure, $"{field}: ciphertext {firstFailed} is not a valid ciphertext under the expected key ({firstFailure}).");
        }

        return result;
    }

    private static void CheckLength(ByteString bytes, int count, int length, string field)
    {
        if (bytes.Length != (long)count * length)
        {
            throw new ProtocolException(
                ProtocolFailure.WrongBatchLength,
                $"{field} holds {bytes.Length} bytes; {count} ciphertexts of {length} bytes were expected.");
        }
    }
}
