using System.Buffers.Binary;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.ObliviousTransfer;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>Chou–Orlandi base OTs and the IKNP correlated-OT extension: the receiver gets exactly the chosen messages.</summary>
public sealed class ObliviousTransferTests
{
    public static TheoryData<string> Backends => AesBackends.Available;

    [Fact]
    public void SimplestOt_ReceiverGetsExactlyTheChosenKeys()
    {
        var random = RandomSource.Secure;
        var choices = RandomBlock(random);
        var sender = SimplestOtSender.Create(random);
        var receiver = SimplestOtReceiver.Create(128, random);

        Assert.True(receiver.TryRespond(sender.Message, choices, out var messages, out var chosen));
        var keys0 = new UInt128[128];
        var keys1 = new UInt128[128];
        Assert.True(sender.TryDeriveKeys(messages, keys0, keys1));

        for (var i = 0; i < 128; i++)
        {
            var choice = ((choices >> i) & 1) == 1;
            Assert.Equal(choice ? keys1[i] : keys0[i], chosen[i]);
            Assert.NotEqual(choice ? keys0[i] : keys1[i], chosen[i]);
        }
    }

    [Fact]
    public void SimplestOt_DrawsScalarsInOneToN_AndItsRuleRefusesZeroAndN()
    {
        var n = SimplestOt.Curve.N;
        var one = Org.BouncyCastle.Math.BigInteger.One;

        Assert.True(SimplestOt.IsScalar(one));
        Assert.True(SimplestOt.IsScalar(n.Subtract(one)));
        Assert.False(SimplestOt.IsScalar(Org.BouncyCastle.Math.BigInteger.Zero));
        Assert.False(SimplestOt.IsScalar(n));
        Assert.False(SimplestOt.IsScalar(n.Add(one)));
        Assert.All(Enumerable.Range(0, 16), _ => Assert.True(SimplestOt.IsScalar(SimplestOt.RandomScalar(RandomSource.Secure))));
    }

    [Fact]
    public void SimplestOt_RefusesPointsOffTheCurve()
    {
        var random = RandomSource.Secure;
        var sender = SimplestOtSender.Create(random);
        var receiver = SimplestOtReceiver.Create(4, random);
        Assert.True(receiver.TryRespond(sender.Message, UInt128.Zero, out var messages, out _));

        var offCurve = (byte[])messages.Clone();
        offCurve[SimplestOt.PointBytes + 5] ^= 1; // x no longer on the curve (or another valid x: then the next checks catch nothing, so flip until invalid)
        while (SimplestOt.TryDecode(offCurve.AsSpan(SimplestOt.PointBytes, SimplestOt.PointBytes), out _))
        {
            offCurve[SimplestOt.PointBytes + 6]++;
        }

        var infinity = (byte[])messages.Clone();
        infinity.AsSpan(0, SimplestOt.PointBytes).Clear();

        Assert.False(sender.TryDeriveKeys(offCurve, new UInt128[4], new UInt128[4]));
        Assert.False(sender.TryDeriveKeys(infinity, new UInt128[4], new UInt128[4]));
        Assert.False(sender.TryDeriveKeys(messages.AsSpan(1), new UInt128[4], new UInt128[4]));
        Assert.False(receiver.TryRespond(new byte[SimplestOt.PointBytes], UInt128.Zero, out _, out _));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Iknp_RandomChoices_GiveCorrelatedOts(string backend)
    {
        var aes = AesBackend.FromName(backend);
        var random = new InsecureSeededRandomSource(128);
        const int m = 640;
        var seeds0 = Enumerable.Range(0, 128).Select(_ => RandomBlock(random)).ToArray();
        var seeds1 = Enumerable.Range(0, 128).Select(_ => RandomBlock(random)).ToArray();
        var s = RandomBlock(random) | 1;
        var chosen = Enumerable.Range(0, 128).Select(i => ((s >> i) & 1) == 1 ? seeds1[i] : seeds0[i]).ToArray();
        var choices = new byte[m / 8];
        random.Fill(choices);

        var u = new byte[IknpExtension.ColumnBytes(m)];
        var t = new UInt128[m];
        IknpExtension.Receive(aes, seeds0, seeds1, choices, u, t);
        var q = new UInt128[m];
        IknpExtension.Send(aes, chosen, s, u, q);

        for (var j = 0; j < m; j++)
        {
            var r = ((choices[j / 8] >> (j % 8)) & 1) == 1;
            Assert.Equal(r ? q[j] ^ s : q[j], t[j]);
        }
    }

    [Fact]
    public void Transpose_MatchesTheBitByBitDefinition()
    {
        const int m = 256;
        var columns = new byte[128 * m / 8];
        new InsecureSeededRandomSource(3).Fill(columns);
        var rows = new UInt128[m];

        IknpExtension.Transpose(columns, m, rows);

        for (var j = 0; j < m; j++)
        {
            for (var i = 0; i < 128; i++)
            {
                var bit = (columns[(i * m / 8) + (j / 8)] >> (j % 8)) & 1;
                Assert.Equal((UInt128)(uint)bit, (rows[j] >> i) & 1);
            }
        }
    }

    private static UInt128 RandomBlock(RandomSource random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes);
        return BinaryPrimitives.ReadUInt128LittleEndian(bytes);
    }
}
