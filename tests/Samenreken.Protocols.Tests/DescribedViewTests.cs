using Google.Protobuf;
using Samenreken.Cryptography.Randomness;
using Samenreken.Disclosure;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.ComparisonEngines.Wire;
using Samenreken.Protocols.FileComparison.Wire;
using Xunit.Sdk;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The description of what each party sees (<see cref="PartyViews"/>, printed in the DPIA) against the code: its
/// messages are the ones a run sends, in order and direction, and <see cref="DescribedViewChecks"/> rejects a
/// description that claims what no test checks (the broken twins of the privacy tests' use of it).
/// </summary>
public sealed class DescribedViewTests
{
    public static TheoryData<ComparisonEngineKind> Engines => [ComparisonEngineKind.Dgk, ComparisonEngineKind.GarbledCircuit];

    [Theory]
    [MemberData(nameof(Engines))]
    public void TheDescribedMessages_AreTheMessagesARunSends_InOrderAndDirection(ComparisonEngineKind engine)
    {
        var harness = new EngineHarness(32);
        var sent = new List<(string Message, ExchangeParty From, ExchangeParty To)>();
        void Record(EngineMessage message, bool toKeyHolder)
            => sent.Add((BodyName(message), toKeyHolder ? ExchangeParty.Svb : ExchangeParty.Uwv, toKeyHolder ? ExchangeParty.Uwv : ExchangeParty.Svb));

        // The nodes' path: a run session (the garbled engine's base OTs), then a batch through the engine seam.
        var a = ComparisonEngineSessions.NewEvaluatorSession(engine, harness.Settings, harness.Keys.PublicKey, harness.Keys.Dgk.PublicKey, RandomSource.Secure, harness.Aes);
        var b = ComparisonEngineSessions.NewKeyHolderSession(engine, harness.Settings, harness.Keys.Paillier.PrivateKey, harness.Keys.Dgk, RandomSource.Secure, harness.Aes);
        if (a.Open() is { } open)
        {
            Record(open, toKeyHolder: true);
            var accept = b.Accept(open);
            Record(accept, toKeyHolder: false);
            a.Accept(accept);
        }

        var pairs = EngineHarness.EdgesAndRandomPairs(12);
        var (x, y) = harness.Keys.Encrypt(pairs);
        var evaluator = a.NewRun(pairs.Count, 0);
        EngineTransport.Run(evaluator, b.NewRun(1 << 16, 0), evaluator.Start(x, y), Record);
        Assert.Equal(pairs.Select(p => p.X >= p.Y), evaluator.Results);

        var views = engine == ComparisonEngineKind.Dgk ? PartyViews.Dgk : PartyViews.GarbledCircuit;
        string[] fileComparison = [nameof(IncomeRequest), nameof(IncomeResponse), "HouseholdSums"];
        Assert.Equal(fileComparison, views.Steps.Take(3).Select(s => s.Message));
        Assert.Equal([(ExchangeParty.Svb, ExchangeParty.Uwv), (ExchangeParty.Uwv, ExchangeParty.Svb), (ExchangeParty.Svb, ExchangeParty.Svb)], views.Steps.Take(3).Select(s => (s.From, s.To)));
        Assert.Equal(sent, views.Steps.Skip(3).Select(s => (s.Message, s.From, s.To)));
    }

    [Fact]
    public void TheDescriptions_AsTheyAre_PassTheirChecks()
    {
        DescribedViewChecks.Dgk.AssertHold(Passing(s_dgkStatistics), PartyViews.StatisticalSecurityBits, 1e-7);
        DescribedViewChecks.Garbled.AssertHold(Passing(s_garbledStatistics), PartyViews.StatisticalSecurityBits, 1e-7);
    }

    [Fact]
    public void AStatisticalClaimWithoutAChecker_FailsTheCheck()
    {
        // Step 6 claims uniform bits instead of a fair-coin zero pattern: no statistic checks that claim there.
        var step = PartyViews.Dgk.Steps[5];
        var changed = PartyViews.Dgk.With(step with { ReceiverLearns = [ViewClaim.UniformBits] });

        var error = Assert.Throws<XunitException>(() => DescribedViewChecks.Dgk.Against(changed).AssertHold(Passing(s_dgkStatistics), 40, 1e-7));
        Assert.Contains("no statistic checks the claim UniformBits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimWeakenedToACiphertext_OrAStepLeftOut_LeavesItsStatisticsUnclaimed_AndFails()
    {
        var step = PartyViews.Dgk.Steps[5];
        foreach (var changed in new[] { PartyViews.Dgk.With(step with { ReceiverLearns = [ViewClaim.Ciphertext] }), PartyViews.Dgk.Without(6) })
        {
            var error = Assert.Throws<XunitException>(() => DescribedViewChecks.Dgk.Against(changed).AssertHold(Passing(s_dgkStatistics), 40, 1e-7));
            Assert.Contains("checkers without a described claim", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AClaimedKappaOtherThanTheTestedOne_FailsTheCheck()
    {
        var error = Assert.Throws<XunitException>(() => DescribedViewChecks.Garbled.AssertHold(Passing(s_garbledStatistics), 20, 1e-7));
        Assert.Contains("claims κ = 40, the experiment ran with κ = 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AClaimWhoseStatisticsDidNotRun_OrFail_FailsTheCheck()
    {
        var withoutOutputs = Passing(s_dgkStatistics).Where(o => o.Name is not PrivacyExperiment.RevealedBit and not PrivacyExperiment.DeltaBAndRevealedBit).ToList();
        var missing = Assert.Throws<XunitException>(() => DescribedViewChecks.Dgk.AssertHold(withoutOutputs, 40, 1e-7));
        Assert.Contains("none of the statistics that check UniformBits ran", missing.Message, StringComparison.Ordinal);

        var failing = Passing(s_garbledStatistics).Select(o => o.Name == GarbledComparisonPrivacyTests.ColumnDifference ? Outcome(o.Name, 1e-12) : o).ToList();
        Assert.ThrowsAny<XunitException>(() => DescribedViewChecks.Garbled.AssertHold(failing, 40, 1e-7));
    }

    [Fact]
    public void AStatisticThatBacksNoClaim_FailsTheCheck()
    {
        var extra = Passing([.. s_dgkStatistics, "something else B sees"]);

        var error = Assert.Throws<XunitException>(() => DescribedViewChecks.Dgk.AssertHold(extra, 40, 1e-7));
        Assert.Contains("statistics that back no described claim: something else B sees", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADescription_WithMisnumberedOrEmptySteps_IsRefused()
    {
        var steps = PartyViews.Dgk.Steps;

        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => ExchangeViews.Create("dgk", [steps[1], steps[0]])).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => ExchangeViews.Create("dgk", [steps[0] with { ReceiverLearns = [] }])).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => ExchangeViews.Create("dgk", [steps[0] with { Message = " " }])).ParamName);
        Assert.Equal("number", Assert.Throws<ArgumentOutOfRangeException>(() => PartyViews.Dgk.Without(10)).ParamName);
        Assert.Equal(8, PartyViews.Dgk.Without(9).Steps.Count);
    }

    private static readonly string[] s_dgkStatistics =
    [
        PrivacyExperiment.LowBits, PrivacyExperiment.MiddleBits, PrivacyExperiment.TopBits, PrivacyExperiment.HighPartLowBits,
        PrivacyExperiment.HighPartTopBits, PrivacyExperiment.DeltaB, PrivacyExperiment.ZerosPerItem, PrivacyExperiment.ZeroPosition,
        PrivacyExperiment.RevealedBit, PrivacyExperiment.DeltaBAndRevealedBit, PrivacyExperiment.NonzeroTermPlaintexts,
    ];

    private static readonly string[] s_garbledStatistics =
    [
        GarbledComparisonPrivacyTests.LowBits, GarbledComparisonPrivacyTests.HighPartLowBits, GarbledComparisonPrivacyTests.ColumnLowBits,
        GarbledComparisonPrivacyTests.ColumnDifference, GarbledComparisonPrivacyTests.Decoding, GarbledComparisonPrivacyTests.PermuteDifference,
        GarbledComparisonPrivacyTests.OutputLsb,
    ];

    private static List<StatisticOutcome> Passing(IEnumerable<string> names) => [.. names.Select(n => Outcome(n, 0.5))];

    private static StatisticOutcome Outcome(string name, double pValue)
    {
        var result = new ChiSquareResult(1, 1, pValue);
        return new StatisticOutcome(name, result, result, result);
    }

    /// <summary>The protobuf type name of the engine message's body (BlindedDifferences, SessionOpen, …).</summary>
    private static string BodyName(EngineMessage message)
    {
        IMessage inner = message.BodyCase == EngineMessage.BodyOneofCase.Dgk ? message.Dgk : message.GarbledCircuit;
        return inner.Descriptor.Oneofs[0].Accessor.GetCaseFieldDescriptor(inner).MessageType.Name;
    }
}
