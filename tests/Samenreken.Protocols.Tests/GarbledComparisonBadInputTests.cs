using Google.Protobuf;
using Samenreken.Protocols.ComparisonEngines;
using Samenreken.Protocols.GarbledComparison;
using Samenreken.Protocols.GarbledComparison.Wire;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// Every malformed, misplaced, replayed or foreign message of the garbled comparison is refused with its specific
/// <see cref="ProtocolFailure"/>, nothing is decrypted beyond the announced batch, and the refusing state machine is
/// unchanged: given the right message afterwards, the run completes with the correct results.
/// </summary>
public sealed class GarbledComparisonBadInputTests
{
    private static readonly (long X, long Y)[] s_pairs = [(5, 3), (3, 5), (7, 7), (0, 255), (255, 0)];

    private readonly EngineHarness _harness = new(8);

    [Fact]
    public void KeyHolder_RefusesWrongOtColumnLengths_ThenCompletes()
    {
        var run = Begin();
        var extension = run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!;

        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.KeyHolder.Receive(With(extension, m => m.OtExtension.Columns = Trim(m.OtExtension.Columns, 1))));
        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.KeyHolder.Receive(With(extension, m => m.OtExtension.Columns = Grow(m.OtExtension.Columns, 16))));

        Finish(run, run.KeyHolder.Receive(extension));
    }

    [Theory]
    [InlineData("tables", -16, ProtocolFailure.WrongBatchLength)]
    [InlineData("tables", 16, ProtocolFailure.WrongBatchLength)]
    [InlineData("tables", -1, ProtocolFailure.WrongBatchLength)]
    [InlineData("garbler_labels", -16, ProtocolFailure.WrongBatchLength)]
    [InlineData("garbler_labels", 16, ProtocolFailure.WrongBatchLength)]
    [InlineData("decoding_bits", 1, ProtocolFailure.WrongBatchLength)]
    [InlineData("decoding_bits", -1, ProtocolFailure.WrongBatchLength)]
    public void Evaluator_RefusesWrongTableAndLabelCounts_ThenCompletes(string field, int change, ProtocolFailure failure)
    {
        var run = Begin();
        var circuits = run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!);

        var refusal = AssertRefused(failure, () => run.Evaluator.Receive(With(circuits, m =>
        {
            var body = m.GarbledCircuits;
            switch (field)
            {
                case "tables": body.Tables = Resize(body.Tables, change); break;
                case "garbler_labels": body.GarblerLabels = Resize(body.GarblerLabels, change); break;
                default: body.DecodingBits = Resize(body.DecodingBits, change); break;
            }
        })));
        Assert.StartsWith(field + " holds ", refusal.Message, StringComparison.Ordinal); // the refusal names the field

        Finish(run, circuits);
    }

    [Fact]
    public void Evaluator_RefusesDecodingBitsBeyondTheBatch()
    {
        var run = Begin();
        var circuits = run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!);

        AssertRefused(ProtocolFailure.MalformedMessage, () => run.Evaluator.Receive(With(circuits, m =>
        {
            var bits = m.GarbledCircuits.DecodingBits.ToByteArray();
            bits[^1] |= 0x80; // 5 items: bits 5-7 of the only byte are padding
            m.GarbledCircuits.DecodingBits = ByteString.CopyFrom(bits);
        })));

        Finish(run, circuits);
    }

    [Fact]
    public void BothParties_RefuseInvalidBaseOtPoints()
    {
        var run = Begin();
        var offCurve = With(run.First, m => m.BlindedBatch.BaseOtSenderPoint = ByteString.CopyFrom(new byte[33]));
        AssertRefused(ProtocolFailure.InvalidCiphertext, () => run.KeyHolder.Receive(offCurve));
        Assert.Equal(0, run.KeyHolder.DecryptionsServed); // the point is checked before anything is decrypted

        var response = run.KeyHolder.Receive(run.First);
        AssertRefused(ProtocolFailure.InvalidCiphertext, () => run.Evaluator.Receive(With(response, m =>
        {
            var points = m.BaseOtResponse.ReceiverPoints.ToByteArray();
            points.AsSpan(33, 33).Clear();
            m.BaseOtResponse.ReceiverPoints = ByteString.CopyFrom(points);
        })));
        AssertRefused(ProtocolFailure.InvalidCiphertext, () => run.Evaluator.Receive(With(response, m => m.BaseOtResponse.ReceiverPoints = Trim(m.BaseOtResponse.ReceiverPoints, 33))));

        Finish(run, run.KeyHolder.Receive(run.Evaluator.Receive(response)!));
    }

    [Fact]
    public void KeyHolder_RefusesReplayedAndOutOfOrderMessages_WithoutDecryptingAgain()
    {
        var run = Begin();
        var response = run.KeyHolder.Receive(run.First);
        Assert.Equal(1, run.KeyHolder.DecryptionsServed);

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(run.First)); // replay of round 1
        Assert.Equal(1, run.KeyHolder.DecryptionsServed);

        var extension = run.Evaluator.Receive(response)!;
        var circuits = run.KeyHolder.Receive(extension);
        Assert.Equal("This run is complete; a new batch needs a new run.", AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(extension)).Message); // replay after completion
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(run.First));
        Assert.Equal(1, run.KeyHolder.DecryptionsServed);
        Finish(run, circuits);

        var fresh = _harness.NewGarbledKeyHolder();
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => fresh.Receive(extension)); // out of order: round 3 first
        Assert.Equal(0, fresh.DecryptionsServed);
    }

    [Fact]
    public void Evaluator_RefusesOutOfOrderAndForeignMessages()
    {
        var run = Begin();
        var response = run.KeyHolder.Receive(run.First);
        var other = Begin();
        var foreign = other.KeyHolder.Receive(other.First);

        AssertRefused(ProtocolFailure.WrongSession, () => run.Evaluator.Receive(foreign));
        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.Evaluator.Receive(With(response, m => m.BatchSize++)));
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.Evaluator.Receive(With(response, m => m.GarbledCircuits = new GarbledCircuits())));

        var extension = run.Evaluator.Receive(response)!;
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.Evaluator.Receive(response)); // replay
        AssertRefused(ProtocolFailure.WrongSession, () => run.KeyHolder.Receive(With(extension, m => m.SessionId = other.First.SessionId)));
        AssertRefused(ProtocolFailure.WrongBatchLength, () => run.KeyHolder.Receive(With(extension, m => m.BatchSize--)));
        Finish(run, run.KeyHolder.Receive(extension));
    }

    [Fact]
    public void KeyHolder_RefusesMismatchedOpenings_WithoutDecrypting()
    {
        var run = Begin();
        var keyHolder = run.KeyHolder;

        AssertRefused(ProtocolFailure.ParameterMismatch, () => keyHolder.Receive(With(run.First, m => m.BlindedBatch.Parameters.ComparisonBits = 9)));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => keyHolder.Receive(With(run.First, m => m.BlindedBatch.Parameters.OtGroup = "P-192")));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => keyHolder.Receive(With(run.First, m => m.BlindedBatch.SlotsPerCiphertext++)));
        AssertRefused(ProtocolFailure.WrongSession, () => keyHolder.Receive(With(run.First, m => m.SessionId = ByteString.CopyFrom(new byte[15]))));
        Assert.Equal("The batch is empty.", AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(With(run.First, m => m.BatchSize = 0))).Message);
        AssertRefused(ProtocolFailure.BatchTooLarge, () => keyHolder.Receive(With(run.First, m => m.BatchSize = 1 << 20)));
        Assert.Contains("packed_ciphertexts", AssertRefused(ProtocolFailure.WrongBatchLength, () => keyHolder.Receive(With(run.First, m => m.BatchSize = 200))).Message, StringComparison.Ordinal); // more packed ciphertexts expected
        AssertRefused(ProtocolFailure.UnexpectedMessage, () => keyHolder.Receive(With(run.First, m => m.BlindedBatch.OtColumns = ByteString.CopyFrom(new byte[16])))); // a run session's field
        Assert.Equal(0, keyHolder.DecryptionsServed);

        Finish(run, keyHolder.Receive(run.Evaluator.Receive(keyHolder.Receive(run.First))!));
    }

    [Fact]
    public void Seam_RefusesASessionMixingEngines_WithoutDecrypting()
    {
        var (x, y) = _harness.Keys.Encrypt(s_pairs);
        var gcEvaluator = _harness.NewEvaluator(ComparisonEngineKind.GarbledCircuit, s_pairs.Length);
        var dgkEvaluator = _harness.NewEvaluator(ComparisonEngineKind.Dgk, s_pairs.Length);
        var gcFirst = gcEvaluator.Start(x, y);
        var dgkFirst = dgkEvaluator.Start(x, y);
        var gcKeyHolder = _harness.NewKeyHolder(ComparisonEngineKind.GarbledCircuit);
        var dgkKeyHolder = _harness.NewKeyHolder(ComparisonEngineKind.Dgk);

        AssertRefused(ProtocolFailure.ParameterMismatch, () => gcKeyHolder.Receive(dgkFirst));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => dgkKeyHolder.Receive(gcFirst));
        var relabelled = gcFirst.Clone();
        relabelled.Engine = Samenreken.Protocols.ComparisonEngines.Wire.ComparisonEngineId.ComparisonEngineDgk; // a GC body under the DGK tag
        AssertRefused(ProtocolFailure.ParameterMismatch, () => gcKeyHolder.Receive(relabelled));
        AssertRefused(ProtocolFailure.ParameterMismatch, () => dgkKeyHolder.Receive(relabelled));
        Assert.Equal(0, gcKeyHolder.DecryptionsServed);
        Assert.Equal(0, dgkKeyHolder.DecryptionsServed);

        var gcReply = gcKeyHolder.Receive(gcFirst);
        AssertRefused(ProtocolFailure.ParameterMismatch, () => dgkEvaluator.Receive(gcReply));
        EngineTransport.Run(dgkEvaluator, dgkKeyHolder, dgkFirst);
        var gcNext = gcEvaluator.Receive(gcReply)!;
        EngineTransport.Run(gcEvaluator, gcKeyHolder, gcNext);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), gcEvaluator.Results);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), dgkEvaluator.Results);
    }

    [Fact]
    public void KeyHolder_RefusesTheOutputLabelsOfABrokenEvaluator()
    {
        var run = Begin(GarbledEvaluatorFaults.OutputLabelsToKeyHolder);
        var circuits = run.KeyHolder.Receive(run.Evaluator.Receive(run.KeyHolder.Receive(run.First))!);
        var leak = run.Evaluator.Receive(circuits)!;

        AssertRefused(ProtocolFailure.UnexpectedMessage, () => run.KeyHolder.Receive(leak));
    }

    private sealed record Run(GarbledEvaluator Evaluator, GarbledKeyHolder KeyHolder, GarbledComparisonMessage First);

    private Run Begin(GarbledEvaluatorFaults faults = GarbledEvaluatorFaults.None)
    {
        var (x, y) = _harness.Keys.Encrypt(s_pairs);
        var evaluator = _harness.NewGarbledEvaluator(faults);
        evaluator.PrecomputeRandomness(s_pairs.Length);
        return new Run(evaluator, _harness.NewGarbledKeyHolder(), evaluator.Start(x, y));
    }

    private static void Finish(Run run, GarbledComparisonMessage circuits)
    {
        Assert.Null(run.Evaluator.Receive(circuits));
        Assert.True(run.KeyHolder.IsCompleted);
        Assert.Equal(s_pairs.Select(p => p.X >= p.Y), run.Evaluator.Results);
    }

    private static GarbledComparisonMessage With(GarbledComparisonMessage message, Action<GarbledComparisonMessage> change)
    {
        var copy = message.Clone();
        change(copy);
        return copy;
    }

    private static ByteString Trim(ByteString bytes, int count) => ByteString.CopyFrom(bytes.Span[..(bytes.Length - count)]);

    private static ByteString Grow(ByteString bytes, int count) => ByteString.CopyFrom([.. bytes.ToByteArray(), .. new byte[count]]);

    private static ByteString Resize(ByteString bytes, int change) => change < 0 ? Trim(bytes, -change) : Grow(bytes, change);

    private static ProtocolException AssertRefused(ProtocolFailure failure, Action action)
    {
        var refusal = Assert.Throws<ProtocolException>(action);
        Assert.Equal(failure, refusal.Failure);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message), "A refusal says why.");
        return refusal;
    }
}
