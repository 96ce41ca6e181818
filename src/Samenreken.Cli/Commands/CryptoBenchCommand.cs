using System.CommandLine;
using Samenreken.Benchmarking.Cryptography;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench crypto</c>: the Paillier quick bench against raw GMP (PaillierQuickBench does the work).</summary>
internal static class CryptoBenchCommand
{
    public static Command Create()
    {
        var bits = CliOptions.Bits();
        var backend = new Option<string>("--backend")
        {
            Description = "Math backend to measure: gmp, managed or auto (GMP when libgmp loads). The baseline is always raw GMP.",
            DefaultValueFactory = _ => "auto",
        };
        backend.AcceptOnlyFromAmong("gmp", "managed", "auto");
        var json = CliOptions.Json();
        var force = CliOptions.Force();
        var seconds = CliOptions.WholeNumber("--seconds", "Approximate time budget in seconds (key generation is timed separately and may add a little).", 1, 40);

        var command = new Command("crypto", "Paillier encrypt, fast encrypt, decrypt, add, scalar multiply and keygen, each against raw GMP in the same run.")
        {
            bits,
            backend,
            json,
            seconds,
            force,
        };
        command.SetCliAction((parse, cli) =>
        {
            // The report file is checked (and its directory written to) before the run, not after it.
            using var report = parse.GetValue(json) is { } file ? StagedOutput.CreateFile(file, parse.GetValue(force), mode: StagedOutput.WorldReadable) : null;
            var log = cli.Logger("bench.crypto");
            var math = Backend(parse.GetValue(backend)!);
            CliLog.MathBackendChosen(log, math);
            var size = parse.GetValue(bits);
            CliLog.WarnIfKeySizeDeprecated(log, size);

            var result = PhaseProgress.Run(cli, progress => PaillierQuickBench.Run(size, math, TimeSpan.FromSeconds(parse.GetValue(seconds)), step => progress.Report(step, 0, 0)));
            cli.Output.WriteLine(result.ToTable());
            BenchReports.Write(cli, report, result.ToJson());
            return ExitCodes.Success;
        });
        return command;
    }

    private static MathBackend Backend(string name)
    {
        try
        {
            return MathBackend.FromName(name);
        }
        catch (InvalidOperationException e)
        {
            // Only "gmp" without libgmp gets here; the option's allowed values exclude every other failure.
            throw CliException.Usage($"--backend {name}: {e.Message}");
        }
    }
}
