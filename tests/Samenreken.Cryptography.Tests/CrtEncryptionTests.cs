using System.Numerics;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

public sealed class CrtEncryptionTests
{
    [Theory, BothBackends]
    public void EncryptWithCrt_DecryptsToThePlaintext_AndIsFreshEachTime(string backend)
    {
        var pair = TestKeys.Small(backend);
        var key = pair.PublicKey;

        foreach (var value in new BigInteger[] { 0, 1, -1, 123_456_789, key.Encoding.MaxMagnitude, -key.Encoding.MaxMagnitude })
        {
            var first = pair.PrivateKey.EncryptWithCrt(key.Encoding.Encode(value), RandomSource.Secure);
            var second = pair.PrivateKey.EncryptWithCrt(key.Encoding.Encode(value), RandomSource.Secure);

            Assert.Equal(value, pair.PrivateKey.DecryptSigned(first));
            if (BigInteger.Abs(value) <= key.Encoding.MaxMagnitude / 2)
            {
                Assert.Equal(2 * value, pair.PrivateKey.DecryptSigned(key.Add(first, second)));
            }

            Assert.NotEqual(first.Value, second.Value);
        }
    }
}
