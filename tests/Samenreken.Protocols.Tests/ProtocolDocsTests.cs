using System.Globalization;
using System.Text.RegularExpressions;
using Samenreken.Protocols.PackedBlinding;
using Samenreken.Protocols.SecureComparison;

namespace Samenreken.Protocols.Tests;

/// <summary>
/// The figures docs/protocol.md derives from the code, checked against the code: an independent reading found "27 / 41
/// slots per ciphertext" where the formula gives 28 / 42.
/// </summary>
public sealed partial class ProtocolDocsTests
{
    private static readonly int s_slotsAt2048 = BlindingSteps.SlotsPerCiphertext(2048, ComparisonSettings.Default);
    private static readonly int s_slotsAt3072 = BlindingSteps.SlotsPerCiphertext(3072, ComparisonSettings.Default);

    [Fact]
    public void SlotsPerCiphertext_AtTheDefaultSettings_Are28And42()
    {
        // The formula itself, so the doc checks below compare against the numbers the docs should say.
        Assert.Equal(73, ComparisonSettings.Default.SlotBits);
        Assert.Equal(28, s_slotsAt2048);
        Assert.Equal(42, s_slotsAt3072);
    }

    [Fact]
    public void EveryShareOfAPackedCiphertext_InProtocolMd_IsOneSlot()
    {
        var shares = ShareOfAPackedCiphertext().Matches(ProtocolMd()).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

        Assert.NotEmpty(shares);
        Assert.All(shares, share => Assert.Contains(share, new[] { s_slotsAt2048, s_slotsAt3072 }));
    }

    [Fact]
    public void ThePackingStep_InProtocolMd_GivesTheSlotsAtBothKeySizes()
        => Assert.Contains($"({s_slotsAt2048} at 2048 bits, {s_slotsAt3072} at 3072", ProtocolMd(), StringComparison.Ordinal);

    [GeneratedRegex(@"\b1/(\d+)\b")]
    private static partial Regex ShareOfAPackedCiphertext();

    private static string ProtocolMd()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return File.ReadAllText(Path.Combine(directory.FullName, "docs", "protocol.md"));
            }
        }

        throw new InvalidOperationException("Samenreken.slnx not found above " + AppContext.BaseDirectory);
    }
}
