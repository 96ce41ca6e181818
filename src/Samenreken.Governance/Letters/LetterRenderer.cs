using System.Security.Cryptography;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Samenreken.Governance.Documents;

namespace Samenreken.Governance.Letters;

/// <summary>The TrueType fonts a PDF letter embeds, supplied by the host (the library reads no files).</summary>
public sealed class LetterFonts
{
    private LetterFonts(string family) => Family = family;

    internal string Family { get; }

    /// <summary>Registers a regular and a bold TrueType font (e.g. DejaVu Sans from fonts-dejavu-core).</summary>
    public static LetterFonts FromTrueType(byte[] regular, byte[] bold)
    {
        ArgumentNullException.ThrowIfNull(regular);
        ArgumentNullException.ThrowIfNull(bold);
        // Named after the bytes, so different fonts never collide in PDFsharp's process-wide font cache.
        var family = "Letter" + Convert.ToHexStringLower(SHA256.HashData([.. regular, .. bold]))[..12];
        SuppliedFontResolver.Instance.Register(family, regular, bold);
        return new LetterFonts(family);
    }

    /// <summary>PDFsharp has one process-wide resolver; this one serves every font registered through <see cref="FromTrueType"/>.</summary>
    private sealed class SuppliedFontResolver : IFontResolver
    {
        public static readonly SuppliedFontResolver Instance = Install();

        private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public void Register(string family, byte[] regular, byte[] bold)
        {
            lock (_lock)
            {
                _faces[family + "#R"] = regular;
                _faces[family + "#B"] = bold;
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            lock (_lock)
            {
                var face = familyName + (bold ? "#B" : "#R");
                return _faces.ContainsKey(face) ? new FontResolverInfo(face) : null;
            }
        }

        public byte[]? GetFont(string faceName)
        {
            lock (_lock)
            {
                return _faces.GetValueOrDefault(faceName);
            }
        }

        private static SuppliedFontResolver Install()
        {
            var resolver = new SuppliedFontResolver();
            GlobalFontSettings.FontResolver = resolver;
            return resolver;
        }
    }
}

/// <summary>Lays a filled letter out as a standalone HTML page or an A4 PDF.</summary>
public static class LetterRenderer
{
    public static string Html(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var body = new StringBuilder();
        if (letter.Banner is not null)
        {
            body.AppendLine($"<p class=\"banner\"><strong>{DocumentWriter.Encode(letter.Banner)}</strong></p>");
        }

        body.AppendLine($"<address class=\"sender\">{Lines(letter.Sender)}</address>");
        body.AppendLine($"<address class=\"recipient\">{Lines(letter.Recipient)}</address>");
        body.AppendLine($"<p class=\"date\">{DocumentWriter.Encode(letter.Date)}</p>");
        body.AppendLine($"<h1>{DocumentWriter.Encode(letter.Subject)}</h1>");
        foreach (var paragraph in letter.Paragraphs)
        {
            body.AppendLine($"<p>{Lines(paragraph.Split('\n'))}</p>");
        }

        return DocumentWriter.Page(letter.Subject, body.ToString());
    }

    /// <summary>An A4 PDF with the fonts embedded; text stays extractable (the tests read it back with pdftotext).</summary>
    public static byte[] Pdf(LetterContent letter, LetterFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(fonts);
        using var document = new PdfDocument();
        document.Info.Title = letter.Subject;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(fonts.Family, 10.5);
            var bold = new XFont(fonts.Family, 13, XFontStyleEx.Bold);
            var layout = new XTextFormatter(graphics);
            const double left = 70;
            var width = page.Width.Point - 2 * left;
            var y = 60.0;

            double Block(string text, XFont font, double gapAfter)
            {
                var lines = Math.Max(1, EstimateLines(graphics, text, font, width));
                var height = lines * font.GetHeight() + 2;
                layout.DrawString(text, font, XBrushes.Black, new XRect(left, y, width, height), XStringFormats.TopLeft);
                return y += height + gapAfter;
            }

            if (letter.Banner is not null)
            {
                Block(letter.Banner, bold, 12);
            }

            Block(string.Join("\n", letter.Sender), regular, 30);
            Block(string.Join("\n", letter.Recipient), regular, 30);
            Block(letter.Date, regular, 18);
            Block(letter.Subject, bold, 14);
            foreach (var paragraph in letter.Paragraphs)
            {
                Block(paragraph, regular, 8);
            }
        }

        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    // XTextFormatter clips to its rectangle, so each block's height is measured first: greedy word wrap per line.
    private static int EstimateLines(XGraphics graphics, string text, XFont font, double width)
    {
        var count = 0;
        foreach (var line in text.Split('\n'))
        {
            count++;
            var current = 0.0;
            foreach (var word in line.Split(' '))
            {
                var w = graphics.MeasureString(word + " ", font).Width;
                if (current > 0 && current + w > width)
                {
                    count++;
                    current = 0;
                }

                current += w;
            }
        }

        return count;
    }

    private static string Lines(IEnumerable<string> lines) => string.Join("<br>", lines.Select(DocumentWriter.Encode));
}
