using System.Numerics;
using System.Runtime.InteropServices;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Math.Gmp;
using Samenreken.Cryptography.Math.Managed;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>Secrets leave no trace: a disposed key refuses every operation, and the memory of its secrets reads zero.</summary>
public sealed class SecretErasureTests
{
    private static PaillierKeyPair NewPaillier(string backend = "gmp") => TestKeys.Generate(backend, 31);

    private static DgkKeyPair NewDgk(string backend = "gmp")
        => DgkKeyPair.Generate(512, 8, 80, KeySizePolicy.InsecureForTests, TestKeys.Random(32), MathBackend.FromName(backend));

    [Theory, BothBackends]
    public void DisposedPaillierKey_RefusesToDecrypt(string backend)
    {
        var pair = NewPaillier(backend);
        var ciphertext = pair.PublicKey.Encrypt(pair.PublicKey.Backend.FromInt64(42), pair.PublicKey.NewRandomizer(TestKeys.Random()));
        Assert.Equal(42, pair.PrivateKey.DecryptSigned(ciphertext));

        pair.Dispose();

        Assert.True(pair.PrivateKey.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.Decrypt(ciphertext));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.DecryptSigned(ciphertext));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.EncryptWithCrt(pair.PublicKey.Backend.One, TestKeys.Random()));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.ExportUnencrypted());
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.ExportEncrypted("a long enough passphrase", TestKeys.Random()));
        Assert.EndsWith("disposed)", pair.PrivateKey.ToString(), StringComparison.Ordinal);

        // Disposing twice is harmless, and the public half keeps working.
        pair.PrivateKey.Dispose();
        Assert.NotNull(pair.PublicKey.Encrypt(pair.PublicKey.Backend.One, pair.PublicKey.NewRandomizer(TestKeys.Random())));
    }

    [Theory, BothBackends]
    public void DisposedDgkKey_RefusesEveryOperation(string backend)
    {
        var pair = NewDgk(backend);
        var zero = pair.PublicKey.EncryptBit(false, pair.PublicKey.NewRandomizer(TestKeys.Random()));
        Assert.True(pair.PrivateKey.IsZero(zero));

        pair.Dispose();

        Assert.True(pair.PrivateKey.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.IsZero(zero));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.NewRandomizer(RandomSource.Secure));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.Precompute());
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.DecryptSmall(zero, 1));
        Assert.Throws<ObjectDisposedException>(() => pair.PrivateKey.ExportUnencrypted());
        pair.PrivateKey.Dispose();
    }

    [Fact]
    public void PaillierDispose_ZeroesThePrimesLimbsBeforeTheyAreFreed()
    {
        var pair = NewPaillier();
        var p = (GmpNumber)pair.PrivateKey.P;
        var q = (GmpNumber)pair.PrivateKey.Q;
        using var pLimbs = HeldLimbs.Of(p);
        using var qLimbs = HeldLimbs.Of(q);
        Assert.Contains(pLimbs.Read(), limb => limb != 0);
        Assert.Contains(qLimbs.Read(), limb => limb != 0);

        pair.Dispose();

        // The test's own reference keeps the mpz_t allocated, so what is read is the key's memory, not a reused block.
        Assert.All(pLimbs.Read(), limb => Assert.Equal(0UL, limb));
        Assert.All(qLimbs.Read(), limb => Assert.Equal(0UL, limb));

        // Once the last reference goes the mpz_t is freed, and the number refuses to be read.
        pLimbs.Dispose();
        Assert.Throws<ObjectDisposedException>(() => p.Sign);
    }

    [Fact]
    public void PaillierDecrypt_LeavesThisThreadsScratchZeroed()
    {
        var pair = NewPaillier();
        var pub = pair.PublicKey;
        // −43 is n − 43: its residues mod p and mod q differ, so the CRT step below has a non-zero product (43 would not).
        var sum = pub.Add(pub.Encrypt(new BigInteger(-44), TestKeys.Random()), pub.Encrypt(BigInteger.One, TestKeys.Random()));
        Assert.Contains(ScratchLimbs(), limb => limb != 0); // the twin: Add's product is still there, and the test sees it

        Assert.Equal(pub.N.ToBigInteger() - 43, pair.PrivateKey.Decrypt(sum).ToBigInteger());

        // Decrypt's last product is (m_p − m_q)·q⁻¹ unreduced mod p: it must not outlive the call.
        Assert.All(ScratchLimbs(), limb => Assert.Equal(0UL, limb));
    }

    [Fact]
    public void PaillierDispose_ZeroesTheCrtEncryptionConstants_AndThisThreadsScratch()
    {
        var pair = NewPaillier();
        Assert.Null(pair.PrivateKey.EncryptionCrt);
        _ = pair.PrivateKey.EncryptWithCrt(pair.PublicKey.Backend.One, TestKeys.Random());
        var crt = pair.PrivateKey.EncryptionCrt!.Value;
        using var exponentModP = HeldLimbs.Of((GmpNumber)crt.ExponentModP);
        using var exponentModQ = HeldLimbs.Of((GmpNumber)crt.ExponentModQ);
        using var inverse = HeldLimbs.Of((GmpNumber)crt.QSquaredInverse);
        HeldLimbs[] constants = [exponentModP, exponentModQ, inverse];
        Assert.All(constants, held => Assert.Contains(held.Read(), limb => limb != 0));
        Assert.Contains(ScratchLimbs(), limb => limb != 0); // the encryption's last product

        pair.Dispose();

        Assert.All(constants, held => Assert.All(held.Read(), limb => Assert.Equal(0UL, limb)));
        Assert.All(ScratchLimbs(), limb => Assert.Equal(0UL, limb));
    }

    [Fact]
    public void DgkDispose_ZeroesTheSecretsAndTheWholeTableBlock()
    {
        var pair = NewDgk();
        pair.PrivateKey.Precompute();
        var vp = (GmpNumber)pair.PrivateKey.Vp;
        var table = (GmpFixedBase)pair.PrivateKey.BuiltTables.ModP!;
        using var vpLimbs = HeldLimbs.Of(vp);
        var held = false;
        table.Table.DangerousAddRef(ref held);
        try
        {
            Assert.Contains(ReadBlock(table.Table), value => value != 0);

            pair.Dispose();

            Assert.All(vpLimbs.Read(), limb => Assert.Equal(0UL, limb));
            Assert.All(ReadBlock(table.Table), value => Assert.Equal(0, value));
        }
        finally
        {
            table.Table.DangerousRelease();
        }

        Assert.True(table.Table.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => table.Pow([1]));
    }

    [Fact]
    public void ManagedBackend_DisposeZeroesTheBigIntegerArrays()
    {
        var pair = NewPaillier("managed");
        var p = ((ManagedNumber)pair.PrivateKey.P).Value;
        var magnitude = ManagedNumber.Magnitude(ref p);
        Assert.NotNull(magnitude);
        Assert.Contains(magnitude, word => word != 0);

        pair.Dispose();

        Assert.All(magnitude, word => Assert.Equal(0U, word));
    }

    [Fact]
    public void ManagedFixedBase_DisposeZeroesItsTable()
    {
        var b = MathBackend.Managed;
        var modulus = b.FromBigInteger((BigInteger.One << 127) - 1);
        var table = b.CreateFixedBase(b.FromInt64(3), modulus, 64);
        Assert.Equal(BigInteger.ModPow(3, 1000, (BigInteger.One << 127) - 1), table.Pow(b.FromInt64(1000)).ToBigInteger());

        table.Dispose();

        Assert.Throws<ObjectDisposedException>(() => table.Pow(b.FromInt64(1000)));
    }

    [Fact]
    public void Erase_ZeroesTheLimbsAtOnce_EvenWhileAnotherReferenceDefersTheFree()
    {
        var secret = (GmpNumber)MathBackend.Gmp!.FromBigInteger((BigInteger.One << 300) + 12345);
        using var limbs = HeldLimbs.Of(secret);
        Assert.Contains(limbs.Read(), limb => limb != 0);

        secret.Erase();

        Assert.All(limbs.Read(), limb => Assert.Equal(0UL, limb));
    }

    /// <summary>Every allocated limb of this thread's GMP scratch (where products wait for their reduction).</summary>
    private static ulong[] ScratchLimbs()
    {
        using var held = new HeldLimbs(GmpBackend.Scratch);
        return held.Read();
    }

    private static byte[] ReadBlock(GmpLimbTable table)
    {
        var bytes = new byte[checked((int)table.ByteLength)];
        Marshal.Copy(table.DangerousGetHandle(), bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>
    /// A reference on a number's mpz_t that keeps it allocated (SafeHandle defers the release while a reference is
    /// held), with the limb pointer and allocated limb count read from the struct as GMP laid it out.
    /// </summary>
    private sealed class HeldLimbs : IDisposable
    {
        private readonly GmpHandle _handle;
        private readonly nint _limbs;
        private readonly int _allocated;
        private bool _held;

        public HeldLimbs(GmpHandle handle)
        {
            _handle = handle;
            _handle.DangerousAddRef(ref _held);
            var mpz = handle.DangerousGetHandle();
            _allocated = Marshal.ReadInt32(mpz);
            _limbs = Marshal.ReadIntPtr(mpz, 8);
        }

        public static HeldLimbs Of(GmpNumber number) => new(number.Handle);

        public ulong[] Read()
        {
            var words = new long[_allocated];
            Marshal.Copy(_limbs, words, 0, words.Length);
            return [.. words.Select(w => (ulong)w)];
        }

        public void Dispose()
        {
            if (_held)
            {
                _held = false;
                _handle.DangerousRelease();
            }
        }
    }
}
