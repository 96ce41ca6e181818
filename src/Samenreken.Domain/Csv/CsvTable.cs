using System.Globalization;
using System.Text;

namespace Samenreken.Domain.Csv;

/// <summary>
/// A forward-only reader of a UTF-8 CSV table with a fixed header: yields each data row split into
/// fields, with its line number. Quoted fields ("a, b" and "" for a quote) are supported on one line.
/// A file whose preamble says <c>integrity=trailer</c> must end with <c>#end rows=N sha256=HEX</c>
/// (see <see cref="CsvFileWriter"/>): the count of data rows and the SHA-256 of the header and data lines,
/// each followed by '\n'. A missing or different trailer is reported as a <see cref="CsvErrorKind.FileIntegrity"/> row.
/// </summary>
internal sealed class CsvTable
{
    internal const string IntegrityKey = "integrity";
    internal const string IntegrityTrailer = "trailer";
    internal const string TrailerPrefix = "#end ";

    private readonly TextReader _reader;
    private readonly string[] _columns;
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private readonly LineHash _hash = new();
    private long _line;
    private bool _trailerSeen;
    private bool _endReported;

    public CsvTable(TextReader reader, string[] columns)
    {
        _reader = reader;
        _columns = columns;
    }

    public long Line => _line;

    /// <summary>Data rows read (not the preamble, header or trailer).</summary>
    public long DataRows { get; private set; }

    /// <summary>True when the preamble declares a trailer.</summary>
    public bool TrailerRequired { get; private set; }

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
                return new CsvRowError(_line, CsvErrorKind.BadHeader, string.Empty, DataProblem.EmptyFile);
            }

            if (text.StartsWith('#'))
            {
                DataSetInfo.ParseInto(text, values);
                continue;
            }

            TrailerRequired = values.TryGetValue(IntegrityKey, out var integrity) && integrity == IntegrityTrailer;

            // A byte-order mark is tolerated: Excel writes one.
            var header = text.TrimStart('\uFEFF').Split(',');
            if (!header.SequenceEqual(_columns, StringComparer.Ordinal))
            {
                return new CsvRowError(_line, CsvErrorKind.BadHeader, string.Empty, DataProblem.WrongHeader);
            }

            _hash.Append(text);
            return null;
        }
    }

    /// <summary>
    /// Reads the next non-empty data row; false at the end of the file. At the end, a missing or mismatched
    /// trailer is returned once as a row with a <see cref="CsvErrorKind.FileIntegrity"/> error.
    /// </summary>
    public bool TryReadRow(out IReadOnlyList<string> fields, out CsvRowError? error)
    {
        fields = _fields;
        error = null;
        _fields.Clear();
        while (true)
        {
            var text = _reader.ReadLine();
            if (text is null)
            {
                if (TrailerRequired && !_trailerSeen && !_endReported)
                {
                    _endReported = true;
                    error = Integrity(DataProblem.MissingTrailer);
                    return true;
                }

                return false;
            }

            _line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (_trailerSeen)
            {
                _trailerSeen = false; // report once, then treat what follows as rows again
                _endReported = true;
                error = Integrity(DataProblem.RowAfterTrailer);
                return true;
            }

            if (text.StartsWith(TrailerPrefix, StringComparison.Ordinal))
            {
                _trailerSeen = true;
                var problem = CheckTrailer(text);
                if (problem is { } p)
                {
                    error = Integrity(p);
                    return true;
                }

                continue;
            }

            DataRows++;
            if (TrailerRequired)
            {
                _hash.Append(text);
            }

            if (!Split(text))
            {
                error = new CsvRowError(_line, CsvErrorKind.MalformedRow, string.Empty, DataProblem.BrokenQuoting);
            }
            else if (_fields.Count != _columns.Length)
            {
                error = new CsvRowError(_line, CsvErrorKind.MalformedRow, string.Empty, DataProblem.WrongFieldCount);
            }

            return true;
        }
    }

    private CsvRowError Integrity(DataProblem problem) => new(_line, CsvErrorKind.FileIntegrity, string.Empty, problem);

    private DataProblem? CheckTrailer(string text)
    {
        if (!CsvFileWriter.TryParseTrailer(text, out var rows, out var sha))
        {
            return DataProblem.MalformedTrailer;
        }

        if (!TrailerRequired)
        {
            return null;
        }

        if (rows != DataRows)
        {
            return DataProblem.RowCountMismatch;
        }

        return _hash.HexDigest() == sha ? null : DataProblem.ChecksumMismatch;
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

    public CsvRowError Error(int index, CsvErrorKind kind, DataProblem problem) => new(Line, kind, _columns[index], problem);

    public CsvRowError? Bsn(int index, out Bsn bsn) =>
        Domain.Bsn.TryParse(_fields[index], out bsn) ? null : Error(index, CsvErrorKind.BadBsn, DataProblem.NotABsn);

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
        Domain.Money.TryParse(_fields[index], out money) ? null : Error(index, CsvErrorKind.BadAmount, DataProblem.NotAnAmount);

    public CsvRowError? Date(int index, out DateOnly date) =>
        DateOnly.TryParseExact(_fields[index], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : Error(index, CsvErrorKind.BadDate, DataProblem.NotADate);

    public CsvRowError? Integer(int index, long min, long max, out long value) =>
        long.TryParse(_fields[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : Error(index, CsvErrorKind.BadNumber, DataProblem.NumberOutOfRange);

    public CsvRowError? Boolean(int index, out bool value)
    {
        value = _fields[index] == "true";
        return _fields[index] is "true" or "false" ? null : Error(index, CsvErrorKind.UnknownCode, DataProblem.NotTrueOrFalse);
    }

    public CsvRowError? Code<T>(int index, IReadOnlyDictionary<string, T> codes, out T value) =>
        codes.TryGetValue(_fields[index], out value!)
            ? null
            : Error(index, CsvErrorKind.UnknownCode, DataProblem.UnknownCode);
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
        var values = info?.Values ?? new Dictionary<string, string>();
        if (writer is CsvFileWriter)
        {
            // Our own writers declare the trailer, so that a reader can tell a truncated file from a short one.
            values = new Dictionary<string, string>(values) { [CsvTable.IntegrityKey] = CsvTable.IntegrityTrailer };
        }

        if (values.Count > 0)
        {
            writer.WriteLine(DataSetInfo.FormatLine(values));
        }

        writer.WriteLine(string.Join(',', columns));
    }

    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";
}
