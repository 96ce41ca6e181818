using Google.Protobuf;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Paillier;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.SecureComparison;

/// <summary>What both parties derive from the settings and keys: sizes, packing and the parameters block they compare.</summary>
internal sealed class ComparisonSession
{
    public ComparisonSession(ComparisonSettings settings, PaillierPublicKey paillier, DgkPublicKey dgk)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(paillier);
        ArgumentNullException.ThrowIfNull(dgk);
        Settings = settings;
        Paillier = paillier;
        Dgk = dgk;
        if (dgk.U != DgkKeyPair.PlaintextPrimeFor(settings.ComparisonBits))
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, $"The DGK key's plaintext prime u = {dgk.U} is not the one for l = {settings.ComparisonBits}.");
        }

        if (dgk.Bits != paillier.Bits)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, $"The DGK modulus ({dgk.Bits} bits) must have the Paillier modulus' size ({paillier.Bits} bits).");
        }

        SlotsPerCiphertext = BlindingSteps.SlotsPerCiphertext(paillier.Bits, settings);
        BitSlotsPerCiphertext = paillier.Bits - 2;
        if (SlotsPerCiphertext < 1)
        {
            throw new ProtocolException(ProtocolFailure.ParameterMismatch, "The Paillier modulus is too small for l + κ.");
        }

        Parameters = new ComparisonParameters
        {
            ComparisonBits = (uint)settings.ComparisonBits,
            StatisticalSecurity = (uint)settings.StatisticalSecurity,
            PaillierBits = (uint)paillier.Bits,
            DgkBits = (uint)dgk.Bits,
            DgkSubgroupBits = (uint)dgk.T,
            DgkPlaintextPrime = dgk.U,
            PaillierKeyId = ByteString.CopyFrom(KeyFingerprint.Of(paillier)),
            DgkKeyId = ByteString.CopyFrom(KeyFingerprint.Of(dgk)),
        };
    }

    public ComparisonSettings Settings { get; }

    public PaillierPublicKey Paillier { get; }

    public DgkPublicKey Dgk { get; }

    public int Bits => Settings.ComparisonBits;

    public int TermsPerItem => Settings.ComparisonBits + 1;

    /// <summary>Blinded differences per Paillier plaintext: ⌊(|n| − 1)/(l + κ + 1)⌋.</summary>
    public int SlotsPerCiphertext { get; }

    /// <summary>Masked output bits per Paillier plaintext.</summary>
    public int BitSlotsPerCiphertext { get; }

    public ComparisonParameters Parameters { get; }

    public static int PackedCount(int items, int slots) => BlindingSteps.PackedCount(items, slots);
}
