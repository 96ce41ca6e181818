using Grpc.Core;
using Samenreken.Nodes.Wire;

namespace Samenreken.Nodes.Uwv;

/// <summary>The gRPC face of <see cref="UwvRuns"/>: a few lines per call; errors are mapped by <see cref="ProtocolErrorInterceptor"/>.</summary>
internal sealed class UwvNodeService(UwvRuns runs) : UwvNode.UwvNodeBase
{
    public override Task<PublicKeys> GetPublicKeys(PublicKeysRequest request, ServerCallContext context) => Task.FromResult(runs.PublicKeys());

    public override Task<AnnouncementReceipt> Announce(RunAnnouncement request, ServerCallContext context) => Task.FromResult(runs.Announce(request));

    public override Task<Payload> EncryptIncomes(IncomeChunk request, ServerCallContext context) => runs.EncryptIncomesAsync(request, context.CancellationToken);

    public override Task<Payload> Compare(ComparisonStep request, ServerCallContext context) => runs.CompareAsync(request, context.CancellationToken);

    public override Task<RunCounts> FinishRun(RunRef request, ServerCallContext context) => Task.FromResult(runs.FinishRun(request));
}
