using System.Globalization;
using System.Text;

namespace Samenreken.Domain.Csv;

/// <summary>
/// A forward-only reader of a UTF-8 CSV table with a fixed header: yields each data row split into
/// fields, with its line number. Quoted fields ("a, b" and "" for a quote) are supported on one line.
/// </summary>
internal sealed class CsvTable
{
    private readonly TextReader _reader;
    private readonly string[] _columns;
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private long _line;

    public CsvTable(TextReader reader, string[] columns)
    {
        _reader = reader;
        _columns = columns;
    }

    public long Line => _line;

    /// <summary>Reads the preamble and header; returns an error when the header is not the documented one.</summary>
    public CsvRowError? ReadHeader(out DataSetInfo info)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        info = new DataSetInfo(values);
        while (true)
        {
            var text = _reader.ReadLine();
            _line++;
            if (text is null)
            {
                return new CsvRowError(_line, CsvErrorKind.BadHeader, string.Empty, "the file is empty; expected a header row");
            }

            if (text.StartsWith('#'))
            {
                DataSetInfo.ParseInto(text, values);
                continue;
            }

            // A byte-order mark is tolerated: Excel writes one.
            var header = text.TrimStart('\uFEFF').Split(',');
            if (!header.SequenceEqual(_columns, StringComparer.Ordinal))
            {
                return new CsvRowError(_line, CsvErrorKind.BadHeader, string.Empty, $"expected the header '{string.Join(',', _columns)}'");
            }

            return null;
        }
    }

    /// <summary>Reads the next non-empty data row; false at the end of the file.</summary>
    public bool TryReadRow(out IReadOnlyList<string> fields, out CsvRowError? error)
    {
        fields = _fields;
        error = null;
        while (true)
        {
            var text = _reader.ReadLine();
            if (text is null)
            {
                return false;
            }

            _line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (!Split(text))
            {
                error = new CsvRowError(_line, CsvErrorKind.MalformedRow, string.Empty, "broken quoting");
            }
            else if (_fields.Count != _columns.Length)
            {
                error = new CsvRowError(_line, CsvErrorKind.MalformedRow, string.Empty, $"expected {_columns.Length} fields, found {_fields.Count}");
            }

            return true;
        }
    }

    private bool Split(string text)
    {
        _fields.Clear();
        var i = 0;
        while (true)
        {
            _field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return false;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            _field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    _field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',')
                {
                    return false;
                }
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                _field.Append(text, i, end - i);
                i = end;
            }

            _fields.Add(_field.ToString());
            if (i >= text.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }
}

/// <summary>Field parsers that turn a bad value into a <see cref="CsvRowError"/> naming the line and column.</summary>
internal readonly struct CsvFields
{
    private readonly IReadOnlyList<string> _fields;
    private readonly string[] _columns;

    public CsvFields(IReadOnlyList<string> fields, string[] columns, long line)
    {
        _fields = fields;
        _columns = columns;
        Line = line;
    }

    public long Line { get; }

    /// <summary>The first error of a row; every parser runs so that all out values are assigned.</summary>
    public static CsvRowError? First(params ReadOnlySpan<CsvRowError?> errors)
    {
        foreach (var error in errors)
        {
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    public string Text(int index) => _fields[index];

    public CsvRowError Error(int index, CsvErrorKind kind, string message) => new(Line, kind, _columns[index], message);

    public CsvRowError? Bsn(int index, out Bsn bsn) =>
        Domain.Bsn.TryParse(_fields[index], out bsn) ? null : Error(index, CsvErrorKind.BadBsn, $"'{_fields[index]}' is not a valid BSN (9 digits, 11-test)");

    public CsvRowError? OptionalBsn(int index, out Bsn? bsn)
    {
        bsn = null;
        if (_fields[index].Length == 0)
        {
            return null;
        }

        var error = Bsn(index, out var value);
        bsn = value;
        return error;
    }

    public CsvRowError? Money(int index, out Money money) =>
        Domain.Money.TryParse(_fields[index], out money) ? null : Error(index, CsvErrorKind.BadAmount, $"'{_fields[index]}' is not an amount in euros with at most two decimals");

    public CsvRowError? Date(int index, out DateOnly date) =>
        DateOnly.TryParseExact(_fields[index], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : Error(index, CsvErrorKind.BadDate, $"'{_fields[index]}' is not a date yyyy-MM-dd");

    public CsvRowError? Integer(int index, long min, long max, out long value) =>
        long.TryParse(_fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : Error(index, CsvErrorKind.BadNumber, $"'{_fields[index]}' is not a whole number from {min} to {max}");

    public CsvRowError? Boolean(int index, out bool value)
    {
        value = _fields[index] == "true";
        return _fields[index] is "true" or "false" ? null : Error(index, CsvErrorKind.UnknownCode, $"'{_fields[index]}' is not true or false");
    }

    public CsvRowError? Code<T>(int index, IReadOnlyDictionary<string, T> codes, out T value) =>
        codes.TryGetValue(_fields[index], out value!)
            ? null
            : Error(index, CsvErrorKind.UnknownCode, $"'{_fields[index]}' is not one of {string.Join(", ", codes.Keys)}");
}

/// <summary>Writes one row field by field, with the commas between and the line end after.</summary>
internal readonly struct CsvRowWriter(TextWriter writer)
{
    private readonly TextWriter _writer = writer;

    public CsvRowWriter Field(string text, bool first = false)
    {
        if (!first)
        {
            _writer.Write(',');
        }

        _writer.Write(text);
        return this;
    }

    public void End() => _writer.WriteLine();
}

/// <summary>Writes CSV fields, quoting only when a field holds a comma or a quote.</summary>
internal static class CsvText
{
    /// <summary>The '#' preamble (if any) and the header row.</summary>
    public static void WriteHeader(TextWriter writer, IReadOnlyList<string> columns, DataSetInfo? info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (info is { Values.Count: > 0 })
        {
            writer.WriteLine(DataSetInfo.FormatLine(info.Values));
        }

        writer.WriteLine(string.Join(',', columns));
    }

    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";
}
