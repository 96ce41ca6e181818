using Samenreken.Cryptography.Randomness;
using Samenreken.Disclosure;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison;
using Xunit.Abstractions;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Privacy of the garbled comparison, tested as the DGK engine's (<see cref="SecureComparisonPrivacyTests"/>): B's view
/// (every d it decrypts, the OT-extension columns it receives, the decoding bits it sends, and anything A sends back)
/// must not depend on the inputs; A's view (the labels of B's inputs, the decoding bits, its output labels, next to its
/// own r) must be simulatable from its output bits alone. Each histogram is tested for homogeneity between two very
/// different input sets and for fit to the ideal simulator's distribution (uniform here), and each broken twin is
/// rejected by the statistic it breaks, at the threshold of the DGK tests (1e−7; about 60 p-values here, so a spurious
/// failure has probability below 6e−6 per run). Inputs come from fixed seeds, protocol randomness from the CSPRNG.
/// </summary>
public sealed class GarbledComparisonPrivacyTests(ITestOutputHelper output)
{
    private const double Threshold = 1e-7;
    private const int ItemsPerSet = 500;
    private const int TwinItemsPerSet = 200;
    private const int Bits = 32;

    internal const string LowBits = "d bits 0-3";
    internal const string HighPartLowBits = "(d div 2^l) mod 16";
    internal const string ColumnLowBits = "u_0 bits 0-3 of the item";
    internal const string ColumnDifference = "bit l of (d − u_0) mod 2^(l+1)";
    internal const string Decoding = "decoding bit";
    internal const string ReturnedOutput = "returned output bit ⊕ decoding bit";
    internal const string PermuteDifference = "bits l-4 .. l-1 of (lsbs of B's labels − r) mod 2^(l+1)";
    internal const string OutputLsb = "lsb of A's output label";

    private readonly EngineHarness _harness = new(Bits);

    /// <summary>
    /// Both flows: the nodes' run session (base OTs once, the columns in <c>BlindedBatch</c>, as the description the DPIA
    /// prints has it) and a batch with its own base OTs (the columns in <c>OtExtension</c>), where the broken twins run.
    /// </summary>
    [Theory]
    [InlineData(InputContrast.LessVersusGreaterOrEqual, true)]
    [InlineData(InputContrast.SmallVersusLarge, true)]
    [InlineData(InputContrast.LessVersusGreaterOrEqual, false)]
    [InlineData(InputContrast.SmallVersusLarge, false)]
    public void BothPartiesViews_OfVeryDifferentInputSets_AreIndistinguishableFromUniform(InputContrast contrast, bool runSession)
    {
        var outcomes = Experiment(contrast, ItemsPerSet, GarbledEvaluatorFaults.None, GarbledKeyHolderFaults.None, runSession);

        // Seven histograms: a correct evaluator sends B nothing after the garbled circuits, so there is no returned output bit.
        Assert.Equal(7, outcomes.Count);
        Assert.DoesNotContain(outcomes, o => o.Name == ReturnedOutput);

        // Driven by the description the DPIA prints (PartyViews.GarbledCircuit): every statistical claim is checked by
        // its statistics, and every statistic here checks a described claim.
        DescribedViewChecks.Garbled.AssertHold(outcomes, _harness.Settings.StatisticalSecurity, Threshold);
    }

    [Theory]
    [InlineData(nameof(GarbledEvaluatorFaults.NarrowBlinding), HighPartLowBits)]
    [InlineData(nameof(GarbledEvaluatorFaults.LeakyOt), ColumnDifference)]
    [InlineData(nameof(GarbledEvaluatorFaults.OutputLabelsToKeyHolder), ReturnedOutput)]
    public void BrokenEvaluatorTwin_IsRejectedByTheStatisticItBreaks(string fault, string statistic)
    {
        var outcomes = Experiment(InputContrast.LessVersusGreaterOrEqual, TwinItemsPerSet, Enum.Parse<GarbledEvaluatorFaults>(fault), GarbledKeyHolderFaults.None);

        Assert.True(outcomes.Single(o => o.Name == statistic).MinimumPValue < Threshold, $"{fault} was not caught by {statistic}");
        if (statistic == ReturnedOutput)
        {
            // The claim this twin breaks is an absence: the description has UWV receive nothing after the circuits.
            Assert.Equal(ExchangeParty.Svb, PartyViews.GarbledCircuit.Steps[^1].To);
        }
        else
        {
            var (step, claim) = DescribedViewChecks.Garbled.ClaimCheckedBy(statistic);
            output.WriteLine($"{fault} breaks the claim {claim} of {step}");
        }
    }

    [Fact]
    public void ConstantPermuteBits_IsRejectedByTheEvaluatorsView()
    {
        var outcomes = Experiment(InputContrast.LessVersusGreaterOrEqual, TwinItemsPerSet, GarbledEvaluatorFaults.None, GarbledKeyHolderFaults.ConstantPermuteBits);

        Assert.True(outcomes.Single(o => o.Name == PermuteDifference).MinimumPValue < Threshold, "constant permute bits were not caught");
        Assert.Equal(ViewKind.UniformBits, DescribedViewChecks.Garbled.ClaimCheckedBy(PermuteDifference).Claim.Kind);
    }

    [Fact]
    public void DeltaWithLsbZero_BreaksPointAndPermute_AndTheResults()
    {
        var (first, _) = PrivacyExperiment.Inputs(InputContrast.LessVersusGreaterOrEqual, Bits, 100);

        var view = Observe(first, GarbledEvaluatorFaults.None, GarbledKeyHolderFaults.DeltaLsbZero);

        // The evaluator picks table rows by lsb; with lsb(Δ) = 0 both labels of a wire point to the same row, so the
        // AND gates return garbage and the decoded bits no longer follow x ≥ y.
        var wrong = first.Select(p => p.X >= p.Y).Zip(view.Results, (expected, actual) => expected != actual).Count(w => w);
        Assert.InRange(wrong, 20, 80);
    }

    private List<StatisticOutcome> Experiment(InputContrast contrast, int items, GarbledEvaluatorFaults evaluatorFaults, GarbledKeyHolderFaults keyHolderFaults, bool runSession = false)
    {
        var (first, second) = PrivacyExperiment.Inputs(contrast, Bits, items);
        var firstView = runSession ? ObserveInSession(first) : Observe(first, evaluatorFaults, keyHolderFaults);
        var secondView = runSession ? ObserveInSession(second) : Observe(second, evaluatorFaults, keyHolderFaults);
        if (evaluatorFaults == GarbledEvaluatorFaults.None && keyHolderFaults == GarbledKeyHolderFaults.None)
        {
            Assert.Equal(first.Select(p => p.X >= p.Y), firstView.Results);
            Assert.Equal(second.Select(p => p.X >= p.Y), secondView.Results);
        }

        var outcomes = firstView.Histograms().Select(h =>
        {
            var other = secondView.Histograms().Single(s => s.Name == h.Name);
            return new StatisticOutcome(
                h.Name,
                ChiSquare.Homogeneity(h.Counts, other.Counts),
                ChiSquare.GoodnessOfFit(h.Counts, ChiSquare.Uniform(h.Counts.Length)),
                ChiSquare.GoodnessOfFit(other.Counts, ChiSquare.Uniform(other.Counts.Length)));
        }).ToList();
        output.WriteLine(PrivacyExperiment.Describe(outcomes));
        return outcomes;
    }

    /// <summary>One run, message by message, recording what each party sees.</summary>
    private View Observe(IReadOnlyList<(long X, long Y)> pairs, GarbledEvaluatorFaults evaluatorFaults, GarbledKeyHolderFaults keyHolderFaults)
    {
        var (x, y) = _harness.Keys.Encrypt(pairs);
        var evaluator = _harness.NewGarbledEvaluator(evaluatorFaults);
        var keyHolder = _harness.NewGarbledKeyHolder(keyHolderFaults);
        evaluator.PrecomputeRandomness(pairs.Count);
        keyHolder.PrecomputeRandomness();
        var first = evaluator.Start(x, y);
        var extension = evaluator.Receive(keyHolder.Receive(first))!;
        var circuits = keyHolder.Receive(extension);
        var blinds = evaluator.Blinds.ToArray();
        var afterCircuits = evaluator.Receive(circuits);

        return ReadView(pairs.Count, first.BlindedBatch, extension.OtExtension.Columns, keyHolder, circuits, afterCircuits, blinds, evaluator);
    }

    /// <summary>One batch of a run session, as the nodes run it: the session's base OTs, then one round trip, x being A's own plaintext.</summary>
    private View ObserveInSession(IReadOnlyList<(long X, long Y)> pairs)
    {
        var x = pairs.Select(p => p.X).ToList();
        var (_, y) = _harness.Keys.Encrypt(pairs);
        var a = new GarbledEvaluatorSession(_harness.Settings, _harness.Keys.PublicKey, RandomSource.Secure, _harness.Aes);
        var b = new GarbledKeyHolderSession(_harness.Settings, _harness.Keys.Paillier.PrivateKey, RandomSource.Secure, _harness.Aes);
        a.Accept(b.Accept(a.Open()));
        var evaluator = a.NewBatch(0);
        var keyHolder = b.NewBatch(1 << 16, 0);
        var first = evaluator.Start(x, y);
        var circuits = keyHolder.Receive(first);
        var blinds = evaluator.Blinds.ToArray();
        var afterCircuits = evaluator.Receive(circuits);
        return ReadView(pairs.Count, first.BlindedBatch, first.BlindedBatch.OtColumns, keyHolder, circuits, afterCircuits, blinds, evaluator);
    }

    private View ReadView(int count, BlindedBatch batch, Google.Protobuf.ByteString columns, GarbledKeyHolder keyHolder, GarbledComparisonMessage circuits, GarbledComparisonMessage? afterCircuits, UInt128[] blinds, GarbledEvaluator evaluator)
    {
        var slots = (int)batch.SlotsPerCiphertext;
        var packed = CiphertextCodec.ReadPaillier(batch.PackedCiphertexts, BlindingSteps.PackedCount(count, slots), _harness.Keys.PublicKey, "packed");
        return new View(
            Bits,
            BlindingSteps.DecryptAndCheck(_harness.Keys.Paillier.PrivateKey, packed, count, _harness.Settings, slots),
            columns.ToByteArray(),
            [.. keyHolder.DecodingBits],
            afterCircuits?.OutputLabels.PermuteBits.ToByteArray(),
            blinds,
            GarbledSession.LabelsFromBytes(circuits.GarbledCircuits.GarblerLabels, count * (Bits + 1), "labels"),
            [.. evaluator.Results]);
    }

    private sealed record Histogram(string Name, long[] Counts);

    private sealed record View(int L, UInt128[] Blinded, byte[] Columns, bool[] DecodingBits, byte[]? ReturnedBits, UInt128[] Blinds, UInt128[] GarblerLabels, bool[] Results)
    {
        private int Width => L + 1;

        private ulong Mask => (1UL << Width) - 1;

        public IEnumerable<Histogram> Histograms()
        {
            var n = Blinded.Length;
            var columnZero = Enumerable.Range(0, n).Select(ColumnBits).ToArray();
            yield return Count(LowBits, 16, Blinded.Select(d => (int)(d & 15)));
            yield return Count(HighPartLowBits, 16, Blinded.Select(d => (int)((d >> L) & 15)));
            yield return Count(ColumnLowBits, 16, columnZero.Select(u => (int)(u & 15)));
            yield return Count(ColumnDifference, 2, Enumerable.Range(0, n).Select(k => (int)(((((ulong)Blinded[k] & Mask) - columnZero[k]) & Mask) >> L)));
            yield return Count(Decoding, 2, DecodingBits.Select(b => b ? 1 : 0));
            if (ReturnedBits is not null)
            {
                yield return Count(ReturnedOutput, 2, Enumerable.Range(0, n).Select(k => ((ReturnedBits[k >> 3] >> (k & 7)) & 1) ^ (DecodingBits[k] ? 1 : 0)));
            }

            // A's side: B's input labels carry only their permute bits; with random permute bits a' − r is uniform.
            yield return Count(PermuteDifference, 16, Enumerable.Range(0, n).Select(k => (int)(((PermuteBits(k) - ((ulong)Blinds[k] & Mask)) & Mask) >> (L - 4) & 15)));
            yield return Count(OutputLsb, 2, Enumerable.Range(0, n).Select(k => (Results[k] ^ DecodingBits[k]) ? 1 : 0));
        }

        /// <summary>The bits of column 0 of u at item k's OTs: A's r mod 2^(l+1) if u leaks, else pseudorandom.</summary>
        private ulong ColumnBits(int k)
        {
            ulong value = 0;
            for (var i = 0; i < Width; i++)
            {
                var j = (k * Width) + i;
                value |= (ulong)((Columns[j >> 3] >> (j & 7)) & 1) << i;
            }

            return value;
        }

        private ulong PermuteBits(int k)
        {
            ulong value = 0;
            for (var i = 0; i < Width; i++)
            {
                value |= (ulong)(GarblerLabels[(k * Width) + i] & UInt128.One) << i;
            }

            return value;
        }

        private static Histogram Count(string name, int bins, IEnumerable<int> values)
        {
            var counts = new long[bins];
            foreach (var value in values)
            {
                counts[value]++;
            }

            return new Histogram(name, counts);
        }
    }
}
