using Microsoft.Extensions.Logging;

namespace Samenreken.Nodes;

/// <summary>The nodes' log messages, with stable event ids. Counts and ids only: never a BSN, a plaintext or a key.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(1000, LogLevel.Information, "UWV keys ready: Paillier and DGK {Bits} bits, Paillier fingerprint {Fingerprint}")]
    public static partial void KeysReady(ILogger logger, int bits, string fingerprint);

    [LoggerMessage(1001, LogLevel.Information, "UWV loaded per-person parts of {Persons} persons from the Polis file")]
    public static partial void PolisLoaded(ILogger logger, int persons);

    [LoggerMessage(1010, LogLevel.Information, "Run {RunId} announced: {Persons} persons, {Comparisons} comparisons, {Chunks} chunks, {Batches} batches")]
    public static partial void RunAnnounced(ILogger logger, string runId, uint persons, uint comparisons, int chunks, int batches);

    [LoggerMessage(1011, LogLevel.Information, "Run {RunId}: income chunk {Chunk} served, {Persons} persons ({Unknown} unknown to Polis)")]
    public static partial void ChunkServed(ILogger logger, string runId, uint chunk, int persons, long unknown);

    [LoggerMessage(1012, LogLevel.Information, "Run {RunId}: batch {Batch} round {Round} served, {Decryptions} decryptions, {ZeroTests} zero tests")]
    public static partial void RoundServed(ILogger logger, string runId, uint batch, uint round, long decryptions, long zeroTests);

    [LoggerMessage(1013, LogLevel.Information, "Run {RunId}: {Kind} {Item} round {Round} answered from the store")]
    public static partial void Replayed(ILogger logger, string runId, string kind, uint item, uint round);

    [LoggerMessage(1014, LogLevel.Information, "Run {RunId} finished: {Persons} persons served, {Decryptions} decryptions, {ZeroTests} zero tests, {Replayed} replies replayed")]
    public static partial void RunFinished(ILogger logger, string runId, long persons, long decryptions, long zeroTests, long replayed);

    [LoggerMessage(1020, LogLevel.Warning, "Refused {Method}: {Failure}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string failure, string reason);

    [LoggerMessage(2000, LogLevel.Information, "SVB run {RunId}: {Households} households, {Persons} persons, {Comparisons} comparisons in {Batches} batches ({Resumed})")]
    public static partial void SvbRunStarted(ILogger logger, string runId, int households, int persons, int comparisons, int batches, string resumed);

    [LoggerMessage(2001, LogLevel.Warning, "Call to UWV failed ({Status}); retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string status, int attempt, TimeSpan delay);

    [LoggerMessage(2002, LogLevel.Information, "SVB run {RunId} complete: {Selected} households selected, UWV served {Decryptions} decryptions")]
    public static partial void SvbRunCompleted(ILogger logger, string runId, int selected, long decryptions);
}
