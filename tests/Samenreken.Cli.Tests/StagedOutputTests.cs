namespace Samenreken.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StagedOutputTests : IDisposable
{
    private readonly DirectoryInfo _directory = new(Path.Combine(Path.GetTempPath(), "samenreken-staged-" + Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        if (_directory.Exists)
        {
            _directory.Delete(recursive: true);
        }
    }

    private string In(string name) => Path.Combine(_directory.FullName, name);

    private static void Write(StagedOutput output, string name, string text)
    {
        using var writer = output.CreateText(name);
        writer.Write(text);
    }

    [Fact]
    public void Commit_MovesEveryFileIntoPlace_WithItsMode_AndRemovesTheStagingDirectory()
    {
        using (var output = StagedOutput.Create(_directory, [new("a.csv"), new("b.pub", StagedOutput.WorldReadable)], force: false))
        {
            Write(output, "a.csv", "a");
            Write(output, "b.pub", "b");
            Assert.False(File.Exists(In("a.csv")));
            Assert.Equal([In("a.csv"), In("b.pub")], output.Commit());
        }

        Assert.Equal("a", File.ReadAllText(In("a.csv")));
        Assert.Equal(StagedOutput.OwnerOnly, File.GetUnixFileMode(In("a.csv")));
        Assert.Equal(StagedOutput.WorldReadable, File.GetUnixFileMode(In("b.pub")));
        Assert.Equal(StagedOutput.PrivateDirectory, File.GetUnixFileMode(_directory.FullName));
        Assert.Equal(2, _directory.GetFileSystemInfos().Length);
    }

    [Fact]
    public void DisposeWithoutCommit_LeavesNothing_NotEvenTheDirectoryItCreated()
    {
        using (var output = StagedOutput.Create(_directory, [new("a.csv")], force: false))
        {
            Write(output, "a.csv", "half");
        }

        Assert.False(Directory.Exists(_directory.FullName));
    }

    [Fact]
    public void AnExistingFile_IsRefusedWithoutForce_AndReplacedWithIt()
    {
        _directory.Create();
        File.WriteAllText(In("a.csv"), "old");

        var refused = Assert.Throws<CliException>(() => StagedOutput.Create(_directory, [new("a.csv")], force: false));
        Assert.Equal(ExitCodes.OutputExists, refused.ExitCode);
        Assert.Single(_directory.GetFileSystemInfos());

        using var output = StagedOutput.Create(_directory, [new("a.csv")], force: true);
        Write(output, "a.csv", "new");
        output.Commit();
        Assert.Equal("new", File.ReadAllText(In("a.csv")));
    }

    [Fact]
    public void AnInput_IsNeverAnOutput_NotEvenThroughASymbolicLink()
    {
        _directory.Create();
        var input = In("svb.csv");
        File.WriteAllText(input, "input");
        File.CreateSymbolicLink(In("link.csv"), input);

        foreach (var name in new[] { "svb.csv", "link.csv" })
        {
            var refused = Assert.Throws<CliException>(() => StagedOutput.Create(_directory, [new(name)], force: true, inputs: [input]));
            Assert.Equal(ExitCodes.OutputExists, refused.ExitCode);
        }

        Assert.Equal("input", File.ReadAllText(input));
    }

    [Fact]
    public void AFileThatAppearsDuringTheRun_IsNotReplaced_AndTheSetIsTakenBack()
    {
        using var output = StagedOutput.Create(_directory, [new("a.csv"), new("b.csv")], force: false);
        Write(output, "a.csv", "a");
        Write(output, "b.csv", "b");
        File.WriteAllText(In("b.csv"), "someone else's");

        Assert.Equal(ExitCodes.OutputExists, Assert.Throws<CliException>(output.Commit).ExitCode);
        Assert.False(File.Exists(In("a.csv")));
        Assert.Equal("someone else's", File.ReadAllText(In("b.csv")));
    }
}
