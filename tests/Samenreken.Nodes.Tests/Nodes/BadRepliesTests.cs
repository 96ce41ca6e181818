using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Samenreken.Nodes.Wire;
using Samenreken.Protocols;
using Samenreken.Protocols.FileComparison.Wire;
using Samenreken.Storage;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// Bad input the other way: UWV's reply damaged on the wire (truncated, or one ciphertext short). SVB refuses it with
/// a clear protocol error and stores nothing for the chunk; the run, started again, completes from UWV's stored reply
/// (replayed, nothing decrypted twice) with the reference selection.
/// </summary>
public sealed class BadRepliesTests
{
    public static TheoryData<string> Damages => new() { "truncated", "one ciphertext short" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task ADamagedIncomeReply_IsRefusedBySvb_NothingStored_AndTheRunCompletesAfterwards(string damage)
    {
        var tamper = new OneReplyTamper(damage);
        await using var bed = NodeTestbed.Create(persons: 200);
        bed.UseEngine("gc");
        var uwvDatabase = Path.Combine(bed.Directory, "uwv.db");
        var svbDatabase = Path.Combine(bed.Directory, "svb.db");
        await bed.StartUwvAsync(uwvDatabase, s => s.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<TamperingInterceptor>(tamper)));

        var refused = await Assert.ThrowsAsync<ProtocolException>(() => bed.Svb(svbDatabase, chunkSize: 50).RunAsync(CancellationToken.None));
        Assert.Equal(damage == "truncated" ? ProtocolFailure.MalformedMessage : ProtocolFailure.WrongBatchLength, refused.Failure);
        Assert.Contains("chunk", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(tamper.Damaged);

        var store = SvbStore.Open(svbDatabase);
        var run = store.FindUnfinishedRun()!;
        // The damaged chunk's parts are not stored (a second chunk in flight may have finished meanwhile).
        Assert.InRange(store.Runs().Single().ChunksDone, 0, 1);

        var result = await bed.Svb(svbDatabase, chunkSize: 50).RunAsync(CancellationToken.None);

        Assert.Equal(run, result.RunId);
        Assert.Equal(bed.ReferenceRows().Order(StringComparer.Ordinal), result.Selection.Order(StringComparer.Ordinal));
        Assert.InRange(result.Uwv.RepliesReplayed, 1UL, 2UL);
        Assert.Equal((ulong)result.Persons, result.Uwv.PersonsServed);
    }

    /// <summary>Damages UWV's first income reply once, after UWV stored it (as a faulty network or proxy would).</summary>
    private sealed class OneReplyTamper(string damage)
    {
        private int _done;

        public bool Damaged => _done != 0;

        public Payload Apply(Payload payload)
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
            {
                return payload;
            }

            var bytes = payload.Message.ToByteArray();
            if (damage == "truncated")
            {
                return new Payload { Message = ByteString.CopyFrom(bytes[..^7]) };
            }

            var response = IncomeResponse.Parser.ParseFrom(bytes);
            var length = NodeTestbed.TestKeyBits / 4; // one Paillier ciphertext: 2 × 512 bits
            response.Ciphertexts = ByteString.CopyFrom(response.Ciphertexts.Span[length..]);
            return new Payload { Message = response.ToByteString() };
        }
    }

    private sealed class TamperingInterceptor(OneReplyTamper tamper) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            return request is IncomeChunk && response is Payload payload ? (TResponse)(object)tamper.Apply(payload) : response;
        }
    }
}
