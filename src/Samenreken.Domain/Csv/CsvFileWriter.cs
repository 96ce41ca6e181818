using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Samenreken.Domain.Csv;

/// <summary>
/// Writes one data file so that a reader can tell whether it is complete: to a temporary name beside the target,
/// counting the data rows and hashing the header and data lines; <see cref="Complete"/> appends the trailer
/// <c>#end rows=N sha256=HEX</c> and renames the file into place. Disposed without <see cref="Complete"/>, it
/// removes the temporary file, so an interrupted run leaves nothing that looks like data.
/// </summary>
public sealed class CsvFileWriter : TextWriter
{
    private readonly StreamWriter _inner;
    private readonly string _target;
    private readonly string _temporary;
    private readonly StringBuilder _current = new();
    private readonly LineHash _hash = new();
    private bool _inPreamble = true;
    private bool _headerSeen;
    private bool _completed;
    private bool _disposed;

    private CsvFileWriter(string target)
    {
        _target = Path.GetFullPath(target);
        _temporary = _target + ".partial";
        _inner = new StreamWriter(_temporary, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        NewLine = "\n";
    }

    /// <summary>Starts writing <paramref name="path"/> (through <c>path.partial</c>).</summary>
    public static CsvFileWriter Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new CsvFileWriter(path);
    }

    /// <summary>The file this writer will produce.</summary>
    public string TargetPath => _target;

    /// <summary>Data rows written so far.</summary>
    public long Rows { get; private set; }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        _inner.Write(value);
        Track(value);
    }

    public override void Write(string? value)
    {
        if (value is not null)
        {
            Write(value.AsSpan());
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _inner.Write(buffer);
        foreach (var c in buffer)
        {
            Track(c);
        }
    }

    public override void WriteLine() => Write('\n');

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    /// <summary>Writes the trailer, closes the file and moves it to its name (replacing an older one).</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_current.Length > 0)
        {
            Write('\n');
        }

        _inner.Write(string.Create(CultureInfo.InvariantCulture, $"{CsvTable.TrailerPrefix}rows={Rows} sha256={_hash.HexDigest()}\n"));
        _inner.Flush();
        _inner.Dispose();
        File.Move(_temporary, _target, overwrite: true);
        _completed = true;
    }

    /// <summary>Parses <c>#end rows=N sha256=HEX</c>.</summary>
    internal static bool TryParseTrailer(string line, out long rows, out string sha)
    {
        rows = 0;
        sha = string.Empty;
        var parts = line[CsvTable.TrailerPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].StartsWith("rows=", StringComparison.Ordinal) || !parts[1].StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        sha = parts[1]["sha256=".Length..];
        return long.TryParse(parts[0].AsSpan("rows=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out rows)
            && sha.Length == 64;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (!_completed)
            {
                _inner.Dispose();
                File.Delete(_temporary);
            }
        }

        base.Dispose(disposing);
    }

    private void Track(char c)
    {
        if (c == '\r')
        {
            return;
        }

        if (c != '\n')
        {
            _current.Append(c);
            return;
        }

        var line = _current.ToString();
        _current.Clear();
        if (_inPreamble && line.StartsWith('#'))
        {
            return;
        }

        _inPreamble = false;
        if (line.Length == 0)
        {
            return;
        }

        _hash.Append(line);
        if (_headerSeen)
        {
            Rows++;
        }

        _headerSeen = true;
    }
}

/// <summary>SHA-256 over lines, each followed by '\n': the same on the writer's and the reader's side.</summary>
internal sealed class LineHash
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[256];

    public void Append(string line)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(line.Length) + 1;
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        var count = Encoding.UTF8.GetBytes(line, _buffer);
        _buffer[count] = (byte)'\n';
        _sha.AppendData(_buffer, 0, count + 1);
    }

    public string HexDigest() => Convert.ToHexStringLower(_sha.GetCurrentHash());
}
