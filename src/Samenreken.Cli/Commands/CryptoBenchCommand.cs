using System.CommandLine;
using Samenreken.Benchmarking.Cryptography;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Math;

namespace Samenreken.Cli;

/// <summary><c>samenreken bench crypto</c>: the Paillier quick bench against raw GMP (PaillierQuickBench does the work).</summary>
internal static class CryptoBenchCommand
{
    public static Command Create()
    {
        var bits = new Option<int>("--bits")
        {
            Description = "Modulus size: 2048 or 3072 bits.",
            DefaultValueFactory = _ => KeySizePolicy.DefaultBits,
        };
        bits.AcceptOnlyFromAmong("2048", "3072");
        var backend = new Option<string>("--backend")
        {
            Description = "Math backend to measure: gmp, managed or auto (GMP when libgmp loads). The baseline is always raw GMP.",
            DefaultValueFactory = _ => "auto",
        };
        backend.AcceptOnlyFromAmong("gmp", "managed", "auto");
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this file." };
        var seconds = new Option<int>("--seconds")
        {
            Description = "Approximate time budget in seconds (key generation is timed separately and may add a little).",
            DefaultValueFactory = _ => 40,
        };

        var command = new Command("crypto", "Paillier encrypt, fast encrypt, decrypt, add, scalar multiply and keygen, each against raw GMP in the same run.")
        {
            bits,
            backend,
            json,
            seconds,
        };
        command.SetAction(parseResult =>
        {
            var log = CliLog.Create("bench.crypto");
            var math = MathBackend.FromName(parseResult.GetValue(backend)!);
            CliLog.MathBackendChosen(log, math);
            var size = parseResult.GetValue(bits);
            CliLog.WarnIfKeySizeDeprecated(log, size);

            var report = PaillierQuickBench.Run(size, math, TimeSpan.FromSeconds(parseResult.GetValue(seconds)), step => Console.Error.WriteLine($"  {step}"));
            Console.WriteLine(report.ToTable());
            if (parseResult.GetValue(json) is { } file)
            {
                File.WriteAllText(file.FullName, report.ToJson());
                Console.WriteLine($"wrote {file.FullName}");
            }

            return 0;
        });
        return command;
    }
}
