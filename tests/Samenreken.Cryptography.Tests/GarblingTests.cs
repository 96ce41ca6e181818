using System.Buffers.Binary;
using Samenreken.Cryptography.Garbling;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cryptography.Tests;

/// <summary>Half-gates, free XOR and the comparison circuit: every input combination, both permute bits, both AES backends.</summary>
public sealed class GarblingTests
{
    public static TheoryData<string> Backends => AesBackends.Available;

    [Theory]
    [MemberData(nameof(Backends))]
    public void HalfGatesAnd_AllInputsAndPermuteBits_DecodeToTheAnd(string backend)
    {
        var hash = new TweakableHash(AesBackend.FromName(backend));
        var random = new InsecureSeededRandomSource(15);
        var delta = RandomLabel(random) | 1;

        // 4 permute-bit combinations × 4 input combinations, each its own gate
        var a0 = new UInt128[16];
        var b0 = new UInt128[16];
        var ids = new ulong[16];
        for (var g = 0; g < 16; g++)
        {
            a0[g] = (RandomLabel(random) & ~UInt128.One) | (uint)((g >> 2) & 1);
            b0[g] = (RandomLabel(random) & ~UInt128.One) | (uint)((g >> 3) & 1);
            ids[g] = (ulong)g;
        }

        var tg = new UInt128[16];
        var te = new UInt128[16];
        var w0 = new UInt128[16];
        HalfGates.Garble(hash, delta, a0, b0, ids, tg, te, w0);

        var a = new UInt128[16];
        var b = new UInt128[16];
        for (var g = 0; g < 16; g++)
        {
            a[g] = (g & 1) == 1 ? a0[g] ^ delta : a0[g];
            b[g] = (g & 2) == 2 ? b0[g] ^ delta : b0[g];
        }

        var w = new UInt128[16];
        HalfGates.Evaluate(hash, a, b, ids, tg, te, w);

        for (var g = 0; g < 16; g++)
        {
            var expected = (g & 3) == 3 ? w0[g] ^ delta : w0[g];
            Assert.Equal(expected, w[g]);
        }
    }

    [Fact]
    public void FreeXor_OfActiveLabels_IsTheActiveLabelOfTheXor()
    {
        var random = new InsecureSeededRandomSource(16);
        var delta = RandomLabel(random) | 1;
        var a0 = RandomLabel(random);
        var b0 = RandomLabel(random);
        for (var bits = 0; bits < 4; bits++)
        {
            var a = (bits & 1) == 1 ? a0 ^ delta : a0;
            var b = (bits & 2) == 2 ? b0 ^ delta : b0;
            var xor = ((bits & 1) ^ (bits >> 1)) == 1;
            Assert.Equal(xor ? a0 ^ b0 ^ delta : a0 ^ b0, a ^ b);
            Assert.Equal(xor, ((a ^ b ^ a0 ^ b0) & 1) == 1); // lsb(Δ) = 1: the permute bit follows the value
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ComparisonCircuit_Width5_AllInputPairs(string backend)
    {
        const int width = 5;
        var pairs = (from a in Enumerable.Range(0, 1 << width) from b in Enumerable.Range(0, 1 << width) select ((ulong)a, (ulong)b)).ToArray();
        var decoded = GarbleAndEvaluate(AesBackend.FromName(backend), width, pairs, seed: 5);

        Assert.Equal(pairs.Select(p => ComparisonCircuit.Evaluate(p.Item1, p.Item2, width)), decoded);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ComparisonCircuit_Width33_EdgesAndRandomPairs(string backend)
    {
        const int width = 33;
        var top = (1UL << width) - 1;
        var random = new Random(33);
        var pairs = new List<(ulong, ulong)> { (0, 0), (0, 1), (1, 0), (top, 0), (0, top), (top, top), (1UL << 32, (1UL << 32) - 1), ((1UL << 32) - 1, 1UL << 32) };
        for (var k = 0; k < 500; k++)
        {
            pairs.Add(((ulong)random.NextInt64(1L << width), (ulong)random.NextInt64(1L << width)));
        }

        var decoded = GarbleAndEvaluate(AesBackend.FromName(backend), width, [.. pairs], seed: 6);

        Assert.Equal(pairs.Select(p => ComparisonCircuit.Evaluate(p.Item1, p.Item2, width)), decoded);
    }

    [Fact]
    public void Backends_GarbleIdentically()
    {
        if (AesBackend.Hardware is null)
        {
            return; // nothing to compare against on a processor without AES-NI; the KATs cover the managed backend
        }

        var random = new InsecureSeededRandomSource(7);
        var input = Enumerable.Range(0, 1000).Select(_ => RandomLabel(random)).ToArray();
        var tweaks = Enumerable.Range(0, 1000).Select(i => (UInt128)i).ToArray();
        var hardware = new UInt128[1000];
        var managed = new UInt128[1000];

        new TweakableHash(AesBackend.Hardware).Hash(input, tweaks, hardware);
        new TweakableHash(AesBackend.Managed).Hash(input, tweaks, managed);

        Assert.Equal(managed, hardware);
    }

    private static bool[] GarbleAndEvaluate(AesBackend backend, int width, (ulong A, ulong B)[] pairs, int seed)
    {
        var hash = new TweakableHash(backend);
        var random = new InsecureSeededRandomSource(seed);
        var delta = RandomLabel(random) | 1;
        var n = pairs.Length;
        var garblerZero = Enumerable.Range(0, n * width).Select(_ => RandomLabel(random)).ToArray();
        var evaluatorZero = Enumerable.Range(0, n * width).Select(_ => RandomLabel(random)).ToArray();
        var tables = new UInt128[n * ComparisonCircuit.TableBlocks(width)];
        var outputZero = new UInt128[n];
        ComparisonCircuit.Garble(hash, delta, width, garblerZero, evaluatorZero, tables, outputZero);

        var garblerActive = new UInt128[n * width];
        var evaluatorActive = new UInt128[n * width];
        for (var k = 0; k < n; k++)
        {
            for (var i = 0; i < width; i++)
            {
                garblerActive[(k * width) + i] = ((pairs[k].A >> i) & 1) == 1 ? garblerZero[(k * width) + i] ^ delta : garblerZero[(k * width) + i];
                evaluatorActive[(k * width) + i] = ((pairs[k].B >> i) & 1) == 1 ? evaluatorZero[(k * width) + i] ^ delta : evaluatorZero[(k * width) + i];
            }
        }

        var output = new UInt128[n];
        ComparisonCircuit.Evaluate(hash, width, garblerActive, evaluatorActive, tables, output);
        for (var k = 0; k < n; k++)
        {
            Assert.True(output[k] == outputZero[k] || output[k] == (outputZero[k] ^ delta), $"item {k}: the output label is neither label of the output wire");
        }

        return [.. Enumerable.Range(0, n).Select(k => ((output[k] ^ outputZero[k]) & 1) == 1)];
    }

    private static UInt128 RandomLabel(RandomSource random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes);
        return BinaryPrimitives.ReadUInt128LittleEndian(bytes);
    }
}
