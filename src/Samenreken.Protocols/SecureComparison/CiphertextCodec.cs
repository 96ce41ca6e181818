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
    {
        var length = key.CiphertextBytes;
        CheckLength(bytes, count, length, field);
        var memory = bytes.Memory;
        var result = new PaillierCiphertext[count];
        var failed = 0;
        Parallel.For(0, count, i =>
        {
            if (key.TryImportCiphertext(memory.Span.Slice(i * length, length), out var ciphertext, out _))
            {
                result[i] = ciphertext;
            }
            else
            {
                Interlocked.Exchange(ref failed, i + 1);
            }
        });
        ThrowIfFailed(failed, field);
        return result;
    }

    public static DgkCiphertext[] ReadDgk(ByteString bytes, int count, DgkPublicKey key, string field)
    {
        var length = key.CiphertextBytes;
        CheckLength(bytes, count, length, field);
        var memory = bytes.Memory;
        var result = new DgkCiphertext[count];
        var failed = 0;
        Parallel.For(0, count, i =>
        {
            if (key.TryImportCiphertext(memory.Span.Slice(i * length, length), out var ciphertext, out _))
            {
                result[i] = ciphertext;
            }
            else
            {
                Interlocked.Exchange(ref failed, i + 1);
            }
        });
        ThrowIfFailed(failed, field);
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

    private static void ThrowIfFailed(int failedIndexPlusOne, string field)
    {
        if (failedIndexPlusOne != 0)
        {
            throw new ProtocolException(ProtocolFailure.InvalidCiphertext, $"{field}: ciphertext {failedIndexPlusOne - 1} is not a valid ciphertext under the expected key.");
        }
    }
}
