using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>
/// The size and range checks of the OT and garbling primitives, each refusal with its twin that passes: a wrong
/// length must name the argument it is wrong in, never index past a buffer or silently use part of it.
/// </summary>
public sealed class GarblingAndOtRefusalTests
{
    private const int M = 256;

    [Fact]
    public void IknpReceive_RefusesEveryWrongSize_NamingIt()
    {
        var aes = AesBackend.Managed;
        var seeds = new UInt128[128];

        Receive(aes, seeds, seeds, M / 8, IknpExtension.ColumnBytes(M), M); // the twin: every size right
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() => Receive(aes, new UInt128[127], seeds, M / 8, IknpExtension.ColumnBytes(M), M)).ParamName);
        Assert.Equal("seeds1", Assert.Throws<ArgumentOutOfRangeException>(() => Receive(aes, seeds, new UInt128[129], M / 8, IknpExtension.ColumnBytes(M), M)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Receive(aes, seeds, seeds, 200 / 8, IknpExtension.ColumnBytes(200), 200)).ParamName);
        Assert.Equal("choiceBytes", Assert.Throws<ArgumentOutOfRangeException>(() => Receive(aes, seeds, seeds, (M / 8) - 1, IknpExtension.ColumnBytes(M), M)).ParamName);
        Assert.Equal("uBytes", Assert.Throws<ArgumentOutOfRangeException>(() => Receive(aes, seeds, seeds, M / 8, IknpExtension.ColumnBytes(M) + 1, M)).ParamName);
    }

    [Fact]
    public void IknpSend_RefusesEveryWrongSize_NamingIt()
    {
        var aes = AesBackend.Managed;
        var seeds = new UInt128[128];

        IknpExtension.Send(aes, seeds, UInt128.One, new byte[IknpExtension.ColumnBytes(M)], new UInt128[M]); // the twin
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() => IknpExtension.Send(aes, new UInt128[127], UInt128.One, new byte[IknpExtension.ColumnBytes(M)], new UInt128[M])).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => IknpExtension.Send(aes, seeds, UInt128.One, new byte[IknpExtension.ColumnBytes(M)], new UInt128[M - 8])).ParamName);
        Assert.Equal("uBytes", Assert.Throws<ArgumentOutOfRangeException>(() => IknpExtension.Send(aes, seeds, UInt128.One, new byte[IknpExtension.ColumnBytes(M) - 1], new UInt128[M])).ParamName);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 128)]
    [InlineData(127, 128)]
    [InlineData(128, 128)]
    [InlineData(129, 256)]
    public void Padded_RoundsUpToAMultipleOf128(int m, int padded) => Assert.Equal(padded, IknpExtension.Padded(m));

    [Fact]
    public void ColumnBytes_Are128ColumnsOfMBits() => Assert.Equal(128 * 32, IknpExtension.ColumnBytes(256));

    [Fact]
    public void SimplestOtSender_ImportsOnlyAScalarInOneToN()
    {
        var n = SimplestOt.Curve.N;
        var sender = SimplestOtSender.Create(RandomSource.Secure);

        Assert.True(SimplestOtSender.TryImport(sender.ExportSecret(), out var again));
        Assert.Equal(sender.Message, again!.Message);
        Assert.True(SimplestOtSender.TryImport(Scalar(n.Subtract(Org.BouncyCastle.Math.BigInteger.One)), out var last));
        Assert.NotNull(last);
        Assert.True(SimplestOtSender.TryImport(Scalar(Org.BouncyCastle.Math.BigInteger.One), out _));

        Assert.False(SimplestOtSender.TryImport(new byte[32], out var zero));
        Assert.Null(zero);
        Assert.False(SimplestOtSender.TryImport(Scalar(n), out _));
        Assert.False(SimplestOtSender.TryImport(sender.ExportSecret().AsSpan(1), out _));
        Assert.False(SimplestOtSender.TryImport([0, .. sender.ExportSecret()], out _));
    }

    [Fact]
    public void SimplestOtSender_ExportsTheScalarAs32BytesEvenWhenItIsShort()
    {
        Assert.True(SimplestOtSender.TryImport(Scalar(Org.BouncyCastle.Math.BigInteger.One), out var one));
        var secret = one!.ExportSecret();
        Assert.Equal(32, secret.Length);
        Assert.Equal(1, secret[31]);
        Assert.All(secret[..31], b => Assert.Equal(0, b));
    }

    [Fact]
    public void SimplestOtSender_RefusesAKeyBufferOfAnotherCount_AndLeavesTheKeysUntouched()
    {
        var random = RandomSource.Secure;
        var sender = SimplestOtSender.Create(random);
        var receiver = SimplestOtReceiver.Create(4, random);
        Assert.True(receiver.TryRespond(sender.Message, UInt128.Zero, out var messages, out _));

        var keys0 = new UInt128[4];
        var keys1 = new UInt128[3];
        Assert.False(sender.TryDeriveKeys(messages, keys0, keys1));
        Assert.All(keys0, k => Assert.Equal(UInt128.Zero, k));

        Assert.True(sender.TryDeriveKeys(messages, keys0, new UInt128[4]));
        Assert.All(keys0, k => Assert.NotEqual(UInt128.Zero, k));
    }

    [Fact]
    public void SimplestOtReceiver_HasAtMost128Choices_AndAtLeastOne()
    {
        var random = RandomSource.Secure;
        var sender = SimplestOtSender.Create(random);
        Assert.True(SimplestOtReceiver.Create(128, random).TryRespond(sender.Message, UInt128.MaxValue, out var messages, out var keys));
        Assert.Equal(128 * SimplestOt.PointBytes, messages.Length);
        Assert.Equal(128, keys.Length);

        Assert.False(SimplestOtReceiver.Create(129, random).TryRespond(sender.Message, UInt128.MaxValue, out var none, out var noKeys));
        Assert.Empty(none);
        Assert.Empty(noKeys);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SimplestOtReceiver.Create(0, random)).ParamName);
        Assert.Equal(1, SimplestOtReceiver.Create(1, random).Count);
    }

    [Fact]
    public void SimplestOt_DecodesOnlyCompressedPoints()
    {
        var sender = SimplestOtSender.Create(RandomSource.Secure);
        Assert.True(SimplestOt.TryDecode(sender.Message, out var point));
        Assert.False(point.IsInfinity);

        var uncompressed = SimplestOt.Curve.G.Multiply(Org.BouncyCastle.Math.BigInteger.Two).Normalize().GetEncoded(compressed: false);
        Assert.False(SimplestOt.TryDecode(uncompressed, out _));
        Assert.False(SimplestOt.TryDecode(uncompressed.AsSpan(0, SimplestOt.PointBytes), out _)); // prefix 04, 33 bytes
        Assert.False(SimplestOt.TryDecode(sender.Message.AsSpan(0, SimplestOt.PointBytes - 1), out _));
    }

    [Fact]
    public void ComparisonCircuit_RefusesEveryWrongSize_NamingIt()
    {
        var hash = new TweakableHash(AesBackend.Managed);
        const int width = 4;
        const int items = 2;
        var labels = new UInt128[items * width];
        var tables = new UInt128[items * ComparisonCircuit.TableBlocks(width)];

        ComparisonCircuit.Garble(hash, UInt128.One, width, labels, labels, tables, new UInt128[items]); // the twins
        ComparisonCircuit.Evaluate(hash, width, labels, labels, tables, new UInt128[items]);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonCircuit.Garble(hash, UInt128.One, 1, new UInt128[items], new UInt128[items], [], new UInt128[items])).ParamName);
        Assert.Equal("garblerLabels", Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonCircuit.Garble(hash, UInt128.One, width, labels[1..], labels, tables, new UInt128[items])).ParamName);
        Assert.Equal("evaluatorLabels", Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonCircuit.Evaluate(hash, width, labels, labels[1..], tables, new UInt128[items])).ParamName);
        Assert.Equal("tables", Assert.Throws<ArgumentOutOfRangeException>(() => ComparisonCircuit.Evaluate(hash, width, labels, labels, tables[1..], new UInt128[items])).ParamName);
    }

    [Fact]
    public void ComparisonCircuit_HasWidthMinusOneAndGates_TwoBlocksEach()
    {
        Assert.Equal(32, ComparisonCircuit.AndGates(33));
        Assert.Equal(64, ComparisonCircuit.TableBlocks(33));
        Assert.True(ComparisonCircuit.Evaluate(3, 5, 4)); // 3 − 5 = 14 mod 16: the top bit says a < b
        Assert.False(ComparisonCircuit.Evaluate(5, 3, 4));
    }

    private static void Receive(AesBackend aes, UInt128[] seeds0, UInt128[] seeds1, int choiceBytes, int uBytes, int rows)
        => IknpExtension.Receive(aes, seeds0, seeds1, new byte[choiceBytes], new byte[uBytes], new UInt128[rows]);

    private static byte[] Scalar(Org.BouncyCastle.Math.BigInteger value)
    {
        var raw = value.ToByteArrayUnsigned();
        var bytes = new byte[32];
        raw.CopyTo(bytes, 32 - raw.Length);
        return bytes;
    }
}
