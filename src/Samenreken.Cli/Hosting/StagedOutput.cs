using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Samenreken.Cli;

/// <summary>One file a command writes and the mode it gets: owner-only unless it is meant to be shared.</summary>
internal readonly record struct OutputFile(string Name, UnixFileMode Mode = StagedOutput.OwnerOnly);

/// <summary>
/// The files a command writes into one directory. They are written into a hidden staging directory inside it (same
/// file system, mode 0700) and moved into place by <see cref="Commit"/> only when all are complete; disposing without
/// a commit removes them, so a failed or interrupted command leaves nothing half-written. Every check (an existing
/// file without --force, an output that is one of the command's inputs, a directory that cannot be written) is made by
/// <see cref="Create"/>, before the command does any work.
/// </summary>
internal sealed class StagedOutput : IDisposable
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Outputs not yet committed or disposed, removed when the process is interrupted (Ctrl+C, SIGTERM).</summary>
    private static readonly ConcurrentDictionary<StagedOutput, byte> s_pending = new();
    private static readonly Lazy<PosixSignalRegistration[]> s_interruptCleanup = new(() =>
        [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, _ => RemovePending()))]);

    private readonly Dictionary<string, OutputFile> _files;
    private readonly bool _force;
    private readonly bool _createdDirectory;
    private int _finished;

    private StagedOutput(string directory, string stagingDirectory, Dictionary<string, OutputFile> files, bool force, bool createdDirectory)
    {
        Directory = directory;
        StagingDirectory = stagingDirectory;
        _files = files;
        _force = force;
        _createdDirectory = createdDirectory;
    }

    /// <summary>The directory the files end up in.</summary>
    public string Directory { get; }

    /// <summary>Where the files are written until <see cref="Commit"/>; a library that writes a whole directory writes here.</summary>
    public string StagingDirectory { get; }

    /// <summary>
    /// Checks and prepares the outputs <paramref name="files"/> in <paramref name="directory"/> (created with mode 0700
    /// when missing). Throws a <see cref="CliException"/> when a file exists and <paramref name="force"/> is false, when
    /// one is among <paramref name="inputs"/> (even with force), or when the directory cannot be written.
    /// </summary>
    /// <remarks>With <c>forceOffered</c> false (the command has no --force: key files are never replaced) the message does not suggest it.</remarks>
    public static StagedOutput Create(DirectoryInfo directory, IReadOnlyList<OutputFile> files, bool force, IEnumerable<string>? inputs = null, bool forceOffered = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        var target = directory.FullName;
        var inputPaths = (inputs ?? []).Select(Canonical).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var final = Path.Combine(target, file.Name);
            if (inputPaths.Contains(Canonical(final)))
            {
                throw CliException.OutputExists($"refusing to write {final}: it is an input of this command; choose another output");
            }

            if (System.IO.Directory.Exists(final) || (File.Exists(final) && !force))
            {
                throw CliException.OutputExists($"{final} already exists; {(forceOffered && !System.IO.Directory.Exists(final) ? "use --force to replace it, or choose" : "remove it or choose")} another output");
            }
        }

        if (File.Exists(target))
        {
            throw CliException.FileAccess($"cannot write into {target}: it is a file, not a directory");
        }

        var created = !System.IO.Directory.Exists(target);
        var staging = Path.Combine(target, $".samenreken-staging-{Guid.NewGuid():N}");
        try
        {
            CreatePrivateDirectory(target);
            CreatePrivateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.FileAccess($"cannot write into {target}: {e.Message}");
        }

        var output = new StagedOutput(target, staging, files.ToDictionary(f => f.Name, StringComparer.Ordinal), force, created);
        _ = s_interruptCleanup.Value;
        s_pending.TryAdd(output, 0);
        return output;
    }

    /// <summary>The same for a single file.</summary>
    public static StagedOutput CreateFile(FileInfo file, bool force, IEnumerable<string>? inputs = null, UnixFileMode mode = OwnerOnly)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Create(file.Directory ?? new DirectoryInfo("."), [new OutputFile(file.Name, mode)], force, inputs);
    }

    /// <summary>The names of the declared outputs.</summary>
    public IReadOnlyCollection<string> Names => _files.Keys;

    /// <summary>Where the output <paramref name="name"/> is written until the commit.</summary>
    public string StagedPath(string name) => Path.Combine(StagingDirectory, Declared(name).Name);

    /// <summary>Where the output <paramref name="name"/> ends up.</summary>
    public string FinalPath(string name) => Path.Combine(Directory, Declared(name).Name);

    /// <summary>Creates the staged file with its final mode from the start (a private key is never readable by others, not even briefly).</summary>
    public FileStream OpenWrite(string name)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Declared(name).Mode;
        }

        return new FileStream(StagedPath(name), options);
    }

    /// <summary>A UTF-8 (no BOM) writer on <see cref="OpenWrite"/>.</summary>
    public StreamWriter CreateText(string name) => new(OpenWrite(name), new UTF8Encoding(false), 1 << 16);

    /// <summary>Moves every declared file into place (each a rename on the same file system); returns their final paths.</summary>
    public IReadOnlyList<string> Commit()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _finished) != 0, this);
        var moved = new List<string>();
        foreach (var file in _files.Values)
        {
            var staged = StagedPath(file.Name);
            if (!File.Exists(staged))
            {
                throw new InvalidOperationException($"the command declared {file.Name} as an output but did not write it");
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(staged, file.Mode);
            }

            var final = FinalPath(file.Name);
            try
            {
                File.Move(staged, final, _force);
            }
            catch (IOException e)
            {
                // Someone created the file since Create checked: take back what was moved, so the set stays whole or absent.
                moved.ForEach(File.Delete);
                throw CliException.OutputExists($"{final} appeared while the command ran; nothing was written ({e.Message})");
            }

            moved.Add(final);
        }

        Interlocked.Exchange(ref _finished, 1);
        s_pending.TryRemove(this, out _);
        System.IO.Directory.Delete(StagingDirectory, recursive: true);
        return moved;
    }

    /// <summary>Removes the staged files (and the directory, when this created it and it is empty) unless committed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        s_pending.TryRemove(this, out _);

        try
        {
            System.IO.Directory.Delete(StagingDirectory, recursive: true);
            if (_createdDirectory && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            {
                System.IO.Directory.Delete(Directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleanup after a failure must not hide that failure; the hidden staging directory holds only partial files.
        }
    }

    /// <summary>On an interrupt, before the process ends: the partial outputs go, so nothing half-written stays behind.</summary>
    private static void RemovePending()
    {
        foreach (var output in s_pending.Keys)
        {
            output.Dispose();
        }
    }

    private OutputFile Declared(string name)
        => _files.TryGetValue(name, out var file) ? file : throw new ArgumentException($"{name} is not a declared output", nameof(name));

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, PrivateDirectory);
        }
    }

    /// <summary>A path with symbolic links resolved, so that an output reached through a link is still recognised as an input.</summary>
    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
    }
}
