using System.Numerics;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.PackedBlinding;

/// <summary>
/// Step 1 and step 2 shared by both comparison engines (DGK/Veugen and the garbled circuit): A blinds
/// z = x − y + 2^l with r uniform in [0, 2^(l+κ)), packs several d = z + r per Paillier plaintext and rerandomizes;
/// B decrypts, unpacks and refuses any value that does not have the shape the protocol gives it. docs/protocol.md,
/// "Step 1" and "Step 2".
/// </summary>
internal static class BlindingSteps
{
    /// <summary>Blinded differences per Paillier plaintext: ⌊(|n| − 1)/(l + κ + 1)⌋.</summary>
    public static int SlotsPerCiphertext(int paillierBits, ComparisonSettings settings) => (paillierBits - 1) / settings.SlotBits;

    public static int PackedCount(int items, int slots) => (items + slots - 1) / slots;

    /// <summary>Step 1 (A): r_k uniform in [0, 2^bits) from the CSPRNG.</summary>
    public static UInt128[] DrawBlinds(int count, int bits, RandomSource random)
    {
        var blinds = new UInt128[count];
        Span<byte> bytes = stackalloc byte[16];
        for (var k = 0; k < count; k++)
        {
            random.Fill(bytes);
            var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
            blinds[k] = bits >= 128 ? value : value & ((UInt128.One << bits) - 1);
        }

        return blinds;
    }

    /// <summary>Step 1 (A) for a whole batch: one fresh packed ciphertext per <paramref name="slots"/> items, the groups in parallel.</summary>
    public static FreshPaillierCiphertext[] BlindAndPack(
        PaillierPublicKey key, StepOneInputs inputs, UInt128[] blinds, ComparisonSettings settings, int slots, RandomizerPool<PaillierRandomizer> randomizers)
    {
        var count = inputs.Count;
        var packed = new FreshPaillierCiphertext[PackedCount(count, slots)];
        Parallel.For(0, packed.Length, p =>
        {
            var start = p * slots;
            var length = System.Math.Min(slots, count - start);
            packed[p] = PackBlinded(key, inputs, start, length, blinds.AsSpan(start, length), settings, randomizers.Take());
        });
        return packed;
    }

    /// <summary>
    /// Step 1 (A), packed: [Σ_k (x_k − y_k + 2^l + r_k)·2^(w·k)] for up to ⌊(|n|−1)/w⌋ items by Horner's rule on the
    /// ciphertexts (w squarings per item), then one plaintext addition of the offsets and a rerandomization, so B sees
    /// only the packed plaintext. Encrypted x: Horner on the differences (<see cref="PaillierPublicKey.PackDifferences"/>,
    /// one modular inverse per group). Plaintext x: Horner on [y_k] alone, negated once, with x_k in the offsets.
    /// Packing several blinded values into one Paillier plaintext divides B's decryptions by the number of slots
    /// (Bianchi et al. 2010; TNO's "packing" option).
    /// </summary>
    private static FreshPaillierCiphertext PackBlinded(
        PaillierPublicKey key, StepOneInputs inputs, int start, int length, ReadOnlySpan<UInt128> blinds, ComparisonSettings settings, PaillierRandomizer randomizer)
    {
        var slotBits = settings.SlotBits;
        var twoToL = BigInteger.One << settings.ComparisonBits;
        var packedPlaintext = BigInteger.Zero;
        for (var k = length - 1; k >= 0; k--)
        {
            packedPlaintext = (packedPlaintext << slotBits) + twoToL + blinds[k] + (inputs.PlainX?[start + k] ?? 0);
        }

        var y = Slice(inputs.Y, start, length);
        var differences = inputs.EncryptedX is { } x
            ? key.PackDifferences(Slice(x, start, length), y, slotBits)
            : key.Negate(key.Pack(y, slotBits));

        // x_k − y_k may be negative; the packed total Σ z_k + r_k with z_k ≥ 1 is not, and it is what B decrypts.
        // The offsets are added as a residue below 2^(w·K) < n, not through the signed encoding: with the top slot's
        // blind large they exceed n/2, which the signed range refuses although the residue is what is meant.
        return key.Rerandomize(key.AddPlain(differences, key.Backend.FromBigInteger(packedPlaintext)), randomizer);
    }

    private static PaillierCiphertext[] Slice(IReadOnlyList<PaillierCiphertext> items, int start, int length)
    {
        var slice = new PaillierCiphertext[length];
        for (var k = 0; k < length; k++)
        {
            slice[k] = items[start + k];
        }

        return slice;
    }

    /// <summary>Step 2 (B): splits a decrypted packed value into its slots; false when it holds more than the announced slots.</summary>
    public static bool TryUnpack(BigNumber packed, int slotBits, Span<UInt128> slots)
    {
        if (packed.BitLength > slotBits * slots.Length)
        {
            return false;
        }

        var value = packed.ToBigInteger();
        var mask = (BigInteger.One << slotBits) - 1;
        for (var k = 0; k < slots.Length; k++)
        {
            slots[k] = (UInt128)(value & mask);
            value >>= slotBits;
        }

        return true;
    }

    /// <summary>
    /// Step 2 (B): decrypts the announced packed ciphertexts and returns d_k, refusing (before anything is returned)
    /// a plaintext with more than its slots or a slot outside [1, 2^(l+κ) + 2^(l+1) − 2].
    /// </summary>
    public static UInt128[] DecryptAndCheck(PaillierPrivateKey key, PaillierCiphertext[] packed, int count, ComparisonSettings settings, int slots)
    {
        var blinded = new UInt128[count];
        var malformed = 0;
        Parallel.For(0, packed.Length, p =>
        {
            var start = p * slots;
            var length = System.Math.Min(slots, count - start);
            if (!TryUnpack(key.Decrypt(packed[p]), settings.SlotBits, blinded.AsSpan(start, length)))
            {
                Interlocked.Exchange(ref malformed, 1);
            }
        });
        if (malformed != 0)
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, "A packed value holds more than the announced slots; nothing is returned.");
        }

        // d = z + r with z ∈ [1, 2^(l+1)) and r < 2^(l+κ): a slot outside [1, 2^(l+κ) + 2^(l+1) − 2] (an empty slot of
        // an inflated batch length, or the spare top bit of the slot) is not a blinded difference.
        var l = settings.ComparisonBits;
        var largest = (UInt128.One << (l + settings.StatisticalSecurity)) + (UInt128.One << (l + 1)) - 2;
        if (Array.Exists(blinded, d => d == UInt128.Zero || d > largest))
        {
            throw new ProtocolException(ProtocolFailure.OutOfRange, "A blinded value lies outside the range the protocol gives it; nothing is returned.");
        }

        return blinded;
    }
}
