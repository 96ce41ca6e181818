namespace Samenreken.Nodes.Tls;

/// <summary>
/// Writes files atomically (a temporary name in the same directory, then a rename), so a crash never leaves a half-written
/// key or certificate under the real name, and a private file has mode 0600 from its creation on.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Group and other bits that make a private key file readable (or writable) by someone else.</summary>
    private const UnixFileMode SharedBits = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode, bool overwrite)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Refuses a private key file that others can read, as ssh does: a shared key is not a node's identity.</summary>
    public static void EnsureOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & SharedBits) != 0)
        {
            throw new InvalidOperationException($"The private key file {path} is accessible to other users; restrict it with 'chmod 600'.");
        }
    }
}
