using Grpc.Core;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Wire;

namespace Samenreken.Nodes.Uwv;

/// <summary>The gRPC face of <see cref="UwvRuns"/>: a few lines per call; errors are mapped by <see cref="ProtocolErrorInterceptor"/>.</summary>
internal sealed class UwvNodeService(UwvRuns runs, NodeSafeguards safeguards) : UwvNode.UwvNodeBase
{
    public override Task<PublicKeys> GetPublicKeys(PublicKeysRequest request, ServerCallContext context) => Task.FromResult(runs.PublicKeys());

    public override Task<AnnouncementReceipt> Announce(RunAnnouncement request, ServerCallContext context) => runs.AnnounceAsync(request, context.CancellationToken);

    public override Task<Payload> EncryptIncomes(IncomeChunk request, ServerCallContext context) => runs.EncryptIncomesAsync(request, context.CancellationToken);

    public override Task<Payload> Compare(ComparisonStep request, ServerCallContext context) => runs.CompareAsync(request, context.CancellationToken);

    public override Task<RunCounts> FinishRun(RunRef request, ServerCallContext context) => runs.FinishRunAsync(request, context.CancellationToken);

    /// <summary>SVB's signed chain head in, checked and kept; this node's own back (docs/audit.md).</summary>
    public override async Task<ChainCheckpoint> ExchangeCheckpoint(ChainCheckpoint request, ServerCallContext context)
    {
        await safeguards.AcceptPeerAsync(request, context.CancellationToken).ConfigureAwait(false);
        return await safeguards.CheckpointAsync(request.RunId.Length == 0 ? null : request.RunId, context.CancellationToken).ConfigureAwait(false);
    }
}
