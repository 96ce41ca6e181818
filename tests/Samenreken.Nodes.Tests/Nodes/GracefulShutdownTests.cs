using System.Diagnostics;
using System.Text;
using Samenreken.Nodes.Safeguards;
using Samenreken.Nodes.Tls;

namespace Samenreken.Nodes.Tests.Nodes;

/// <summary>
/// A real node process (<c>samenreken node svb</c> from this build) stops gracefully on SIGTERM: the generic host
/// shuts down (hosted services stopped, databases closed) and the CLI reports it as an interruption (exit code 130),
/// not as a crash; SIGKILL, the twin, gives the process no say (exit code 137).
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [Theory]
    [InlineData(SigTerm, 130, true)]
    [InlineData(SigKill, 137, false)]
    public async Task ANodeProcess_OnSignal_StopsAsTheSignalAsks(int signal, int exitCode, bool shutsDown)
    {
        await using var bed = NodeTestbed.Create(persons: 20);
        var tls = bed.Certificates.OptionsFor(DevelopmentCertificates.SvbNode);
        AuditKeyFiles.CreateIfMissing(bed.AuditKeyFile("svb"));
        AuditKeyFiles.CreateIfMissing(bed.AuditKeyFile("uwv"));
        var info = new ProcessStartInfo(Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "samenreken.dll"), "node", "svb",
            "--Node:Port=0", $"--Node:Database={Path.Combine(bed.Directory, "svb.db")}", $"--Node:KeyFile={Path.Combine(bed.Directory, "svb-node.key")}",
            $"--Node:Project={bed.ProjectFile}", $"--Node:AuditKeyFile={bed.AuditKeyFile("svb")}",
            $"--Node:PeerAuditKeyFile={AuditKeyFiles.PublicKeyPath(bed.AuditKeyFile("uwv"))}",
            $"--Svb:SvbFile={bed.SvbFile}", "--Svb:UwvAddress=https://127.0.0.1:9", "--Svb:StartOnLaunch=false",
            $"--Tls:CaCertificatePath={tls.CaCertificatePath}", $"--Tls:CertificatePath={tls.CertificatePath}", $"--Tls:KeyPath={tls.KeyPath}",
            $"--Tls:PeerPin={tls.PeerPin}", $"--Tls:PeerName={tls.PeerName}",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = info };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, Kill(process.Id, signal));
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        process.WaitForExit();
        string log;
        lock (output)
        {
            log = output.ToString();
        }

        Assert.True(exitCode == process.ExitCode, $"exit code {process.ExitCode}; output:\n{log}");
        Assert.Equal(shutsDown, log.Contains("Application is shutting down", StringComparison.Ordinal));
    }

    private static string Dotnet()
        => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
