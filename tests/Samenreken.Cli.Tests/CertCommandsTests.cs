using System.CommandLine;

namespace Samenreken.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertCommandsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("samenreken-certs-");

    public void Dispose() => _directory.Delete(recursive: true);

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SamenrekenCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void CertsInit_WritesTheSet_KeysOwnerOnly_AndPrintsThePins()
    {
        var (exitCode, output, _) = Run("certs", "init", "--out", _directory.FullName);

        Assert.Equal(0, exitCode);
        foreach (var key in new[] { "uwv.key", "svb.key" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory.FullName, key)));
        }

        Assert.True(File.Exists(Path.Combine(_directory.FullName, "ca.crt")));
        Assert.Equal(2, output.Split('\n').Count(line => line.Contains(", pin ", StringComparison.Ordinal)));
    }

    [Fact]
    public void CertsInit_OverAnExistingSet_RefusesWithoutForce_AndReplacesItWithForce()
    {
        Assert.Equal(0, Run("certs", "init", "--out", _directory.FullName).ExitCode);
        var key = Path.Combine(_directory.FullName, "uwv.key");
        var before = File.ReadAllBytes(key);

        var (exitCode, _, error) = Run("certs", "init", "--out", _directory.FullName);
        Assert.Equal(ExitCodes.OutputExists, exitCode);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(key));

        Assert.Equal(0, Run("certs", "init", "--out", _directory.FullName, "--force").ExitCode);
        Assert.NotEqual(before, File.ReadAllBytes(key));
    }
}
