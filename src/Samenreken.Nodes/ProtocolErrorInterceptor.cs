using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Samenreken.Protocols;

namespace Samenreken.Nodes;

/// <summary>
/// Maps a refused message (<see cref="ProtocolException"/>) onto a gRPC status at the node's edge: the reason code in
/// the <c>samenreken-failure</c> trailer, the message as the status detail. A bad message is the peer's fault
/// (FailedPrecondition/InvalidArgument), never a retryable transient error.
/// </summary>
internal sealed class ProtocolErrorInterceptor(ILogger<ProtocolErrorInterceptor> log) : Interceptor
{
    public const string FailureTrailer = "samenreken-failure";

    /// <summary>The trailer naming the safeguard (<see cref="Governance.GovernanceRefusal"/>) that refused a call.</summary>
    public const string RefusalTrailer = "samenreken-refusal";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (ProtocolException e)
        {
            NodeLog.Refused(log, context.Method, e.Failure.ToString(), e.Message);
            var status = e.Failure is ProtocolFailure.MalformedMessage or ProtocolFailure.InvalidCiphertext or ProtocolFailure.WrongBatchLength
                ? StatusCode.InvalidArgument
                : StatusCode.FailedPrecondition;
            throw new RpcException(new Status(status, e.Message), new Metadata { { FailureTrailer, e.Failure.ToString() } });
        }
        catch (Governance.GovernanceException e)
        {
            // A safeguard refused (the project definition, its horizon, a field it does not list): final, not transient.
            NodeLog.Refused(log, context.Method, e.Refusal.ToString(), e.Message);
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message), new Metadata { { RefusalTrailer, e.Refusal.ToString() } });
        }
    }
}
