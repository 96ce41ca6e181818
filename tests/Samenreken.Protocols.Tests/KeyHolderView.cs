using System.Numerics;
using Samenreken.Cryptography.Randomness;
using Samenreken.Protocols.SecureComparison;
using Samenreken.Protocols.SecureComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Everything the key holder B sees in one run (plaintext output mode, the mode in which B sees most), recomputed
/// from the messages with B's private keys exactly as B could: the unpacked d = z + r per item, δ_B per item, the
/// zero pattern of each item's l + 1 DGK terms, the full plaintexts of those terms when u is small enough to tabulate
/// the discrete logarithm, and the revealed masked bits.
/// </summary>
internal sealed class KeyHolderView
{
    /// <summary>Largest u for which the term plaintexts are recovered through a table of (g^(v_p))^m mod p.</summary>
    public const ulong MaxTabulatedU = 1 << 16;

    private KeyHolderView(int count, int terms)
    {
        Blinded = new UInt128[count];
        DeltaB = new bool[count];
        ZeroCount = new int[count];
        ZeroPosition = new int[count];
        TermPlaintexts = new ulong[count * terms];
        Revealed = new bool[count];
    }

    /// <summary>d_k = x_k − y_k + 2^l + r_k as B decrypts it.</summary>
    public UInt128[] Blinded { get; }

    /// <summary>δ_B per item, from B's own [δ_B] ciphertexts.</summary>
    public bool[] DeltaB { get; }

    /// <summary>How many of the item's terms are zero.</summary>
    public int[] ZeroCount { get; }

    /// <summary>The position (0 … l) of the item's first zero term in the order B received them, or −1.</summary>
    public int[] ZeroPosition { get; }

    /// <summary>Term plaintexts in Z_u, item-major; filled only when <see cref="HasTermPlaintexts"/>.</summary>
    public ulong[] TermPlaintexts { get; }

    public bool HasTermPlaintexts { get; private set; }

    /// <summary>The masked output bits B decrypts and sends back.</summary>
    public bool[] Revealed { get; }

    /// <summary>Runs the protocol on <paramref name="pairs"/> with an evaluator carrying <paramref name="faults"/> and records B's view.</summary>
    public static KeyHolderView Observe(ComparisonHarness harness, IReadOnlyList<(long X, long Y)> pairs, EvaluatorFaults faults)
    {
        var (x, y) = harness.Encrypt(pairs);
        var evaluator = new ComparisonEvaluator(harness.Settings, harness.PublicKey, harness.Dgk.PublicKey, RandomSource.Secure, new BrokenBlinding(RandomSource.Secure, faults));
        var keyHolder = harness.NewKeyHolder();
        var messages = new List<ComparisonMessage>();
        InMemoryTransport.Run(evaluator, keyHolder, evaluator.Start(x, y, ComparisonOutputMode.PlaintextToEvaluator), messages.Add);
        Assert.True(evaluator.IsCompleted && keyHolder.IsCompleted);
        if (faults == EvaluatorFaults.None)
        {
            Assert.Equal(pairs.Select(p => p.X >= p.Y), evaluator.Results);
        }

        var count = pairs.Count;
        var l = harness.Settings.ComparisonBits;
        var view = new KeyHolderView(count, l + 1);
        view.ReadBlinded(harness, Single(messages, ComparisonMessage.BodyOneofCase.BlindedDifferences).BlindedDifferences, count);
        view.ReadDeltaB(harness, Single(messages, ComparisonMessage.BodyOneofCase.ZeroTestResults).ZeroTestResults, count);
        view.ReadTerms(harness, Single(messages, ComparisonMessage.BodyOneofCase.MaskedTerms).MaskedTerms, count, l + 1);
        var revealed = Single(messages, ComparisonMessage.BodyOneofCase.RevealedBits).RevealedBits.Bits.Span;
        for (var k = 0; k < count; k++)
        {
            view.Revealed[k] = ((revealed[k >> 3] >> (k & 7)) & 1) != 0;
        }

        return view;
    }

    private static ComparisonMessage Single(List<ComparisonMessage> messages, ComparisonMessage.BodyOneofCase body)
        => Assert.Single(messages, m => m.BodyCase == body);

    private void ReadBlinded(ComparisonHarness harness, BlindedDifferences body, int count)
    {
        var slots = (int)body.SlotsPerCiphertext;
        var packed = CiphertextCodec.ReadPaillier(body.PackedCiphertexts, ComparisonSession.PackedCount(count, slots), harness.PublicKey, "packed");
        Parallel.For(0, packed.Length, p =>
        {
            var start = p * slots;
            var slotsHere = Math.Min(slots, count - start);
            var plaintext = harness.Paillier.PrivateKey.Decrypt(packed[p]);
            Assert.True(VeugenSteps.TrySplit(plaintext, (int)body.SlotBits, Blinded.AsSpan(start, slotsHere)));
        });
    }

    private void ReadDeltaB(ComparisonHarness harness, ZeroTestResults body, int count)
    {
        var results = CiphertextCodec.ReadPaillier(body.ResultCiphertexts, count, harness.PublicKey, "results");
        Parallel.For(0, count, k => DeltaB[k] = harness.DecryptBit(results[k]));
    }

    private void ReadTerms(ComparisonHarness harness, MaskedTerms body, int count, int perItem)
    {
        var dgk = harness.Dgk;
        var terms = CiphertextCodec.ReadDgk(body.TermCiphertexts, count * perItem, dgk.PublicKey, "terms");
        var u = dgk.PublicKey.U;
        if (u <= MaxTabulatedU)
        {
            // B's discrete logarithm: c^(v_p) mod p = (g^(v_p))^m mod p, and g^(v_p) has order u in Z*_p.
            var b = dgk.PublicKey.Backend;
            var generator = b.ModPow(b.Mod(dgk.PublicKey.G, dgk.P), dgk.Vp, dgk.P);
            var logarithms = new Dictionary<BigInteger, ulong>();
            var power = b.One;
            for (ulong m = 0; m < u; m++)
            {
                logarithms.Add(power.ToBigInteger(), m);
                power = b.ModMultiply(power, generator, dgk.P);
            }

            Parallel.For(0, terms.Length, i =>
                TermPlaintexts[i] = logarithms[b.ModPow(b.Mod(terms[i].Value, dgk.P), dgk.Vp, dgk.P).ToBigInteger()]);
            HasTermPlaintexts = true;
        }

        Parallel.For(0, count, k =>
        {
            ZeroPosition[k] = -1;
            for (var i = 0; i < perItem; i++)
            {
                var index = (k * perItem) + i;
                if (HasTermPlaintexts ? TermPlaintexts[index] == 0 : dgk.IsZero(terms[index]))
                {
                    ZeroCount[k]++;
                    ZeroPosition[k] = ZeroPosition[k] < 0 ? i : ZeroPosition[k];
                }
            }
        });
    }
}
