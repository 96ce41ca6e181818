using System.Diagnostics;
using Samenreken.Governance.Definition;
using Samenreken.Governance.Letters;

namespace Samenreken.Governance.Tests.Letters;

public sealed class LetterTests
{
    internal const string FontDirectory = "/usr/share/fonts/truetype/dejavu";

    private static readonly ProjectDefinition s_demo = ProjectDefinition.Parse(RepositoryFiles.DemoDefinitionText);
    private static readonly string s_templateText = RepositoryFiles.Read("projects", "letters", "aio-uitnodiging.txt");
    private static readonly LetterRecipient s_recipient = LetterRecipient.Create("mevrouw J. de Vries-Özdemir", ["Voorbeeldstraat 12 b", "9999 ZZ Voorbeeldstad"], "AIO-DEMO-000042");

    internal static LetterFonts Fonts() => LetterFonts.FromTrueType(
        File.ReadAllBytes(Path.Combine(FontDirectory, "DejaVuSans.ttf")), File.ReadAllBytes(Path.Combine(FontDirectory, "DejaVuSans-Bold.ttf")));

    private static LetterContent Letter() => LetterTemplate.Parse(s_templateText).Fill(s_recipient, s_demo, new DateOnly(2026, 3, 2));

    [Fact]
    public void ShippedTemplate_FillsNameAddressDateAndContact()
    {
        var letter = Letter();

        Assert.Equal(["mevrouw J. de Vries-Özdemir", "Voorbeeldstraat 12 b", "9999 ZZ Voorbeeldstad"], letter.Recipient.ToArray());
        Assert.Equal("2 maart 2026", letter.Date);
        Assert.StartsWith("Beste mevrouw J. de Vries-Özdemir,", letter.Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains(letter.Paragraphs, p => p.Contains(s_demo.Contact.Phone, StringComparison.Ordinal) && p.Contains("AIO-DEMO-000042", StringComparison.Ordinal));
        Assert.Contains(letter.Paragraphs, p => p.Contains("vermogen niet bekeken", StringComparison.Ordinal));
        Assert.StartsWith("VOORBEELD", letter.Banner, StringComparison.Ordinal);
        Assert.DoesNotContain(letter.Paragraphs, p => p.Contains("{{", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Wij hebben uw vermogen niet bekeken.", "", "vermogen")]
    [InlineData("Ook ander inkomen hebben wij niet bekeken.", "", "ander inkomen")]
    [InlineData("Bel ons op {{contact_telefoon}}. Of kijk op {{contact_website}}.", "", "contact")]
    [InlineData("{{kenmerk}}", "{{bsn}}", "line ")]
    public void Template_WithoutWhatTheRegulationDemands_IsRefused(string remove, string replacement, string mentioned)
    {
        Assert.Contains(remove, s_templateText, StringComparison.Ordinal);
        Assert.False(LetterTemplate.TryParse(s_templateText.Replace(remove, replacement, StringComparison.Ordinal), out var template, out var errors));
        Assert.Null(template);
        Assert.Contains(errors, e => e.Contains(mentioned, StringComparison.Ordinal));
    }

    [Fact]
    public void Html_HoldsTheLetter_AndEscapesItsValues()
    {
        var html = LetterRenderer.Html(LetterTemplate.Parse(s_templateText).Fill(
            LetterRecipient.Create("<b>Jan</b>", ["Straat 1"], "K-1"), s_demo, new DateOnly(2026, 3, 2)));

        Assert.Contains("&lt;b&gt;Jan&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Jan", html, StringComparison.Ordinal);
        Assert.Contains("Straat 1", html, StringComparison.Ordinal);
        Assert.Contains("vermogen niet bekeken", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_TextExtractedByPdftotext_HoldsCaveatNameAndAddress()
    {
        var pdf = LetterRenderer.Pdf(Letter(), Fonts());
        var text = PdfToText(pdf);

        // pdftotext keeps words, not our line breaks: compare with whitespace collapsed.
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("mevrouw J. de Vries-Özdemir", flat, StringComparison.Ordinal);
        Assert.Contains("Voorbeeldstraat 12 b", flat, StringComparison.Ordinal);
        Assert.Contains("9999 ZZ Voorbeeldstad", flat, StringComparison.Ordinal);
        Assert.Contains("Wij hebben uw vermogen niet bekeken.", flat, StringComparison.Ordinal);
        Assert.Contains("Ook ander inkomen hebben wij niet bekeken.", flat, StringComparison.Ordinal);
        Assert.Contains(s_demo.Contact.Phone, flat, StringComparison.Ordinal);
        Assert.Contains("VOORBEELD", flat, StringComparison.Ordinal);
        Assert.Contains("Met vriendelijke groet,", flat, StringComparison.Ordinal);
    }

    /// <summary>poppler-utils' pdftotext (a Debian package; .ci/run installs it).</summary>
    internal static string PdfToText(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, pdf);
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + process.StandardError.ReadToEnd());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
