using System.CommandLine;
using Samenreken.Cryptography;
using Samenreken.Cryptography.Dgk;
using Samenreken.Cryptography.Math;
using Samenreken.Cryptography.Paillier;
using Samenreken.Cryptography.Randomness;

namespace Samenreken.Cli;

/// <summary><c>samenreken keys …</c>: key files for the key holder.</summary>
internal static class KeyCommands
{
    /// <summary>The environment variable a passphrase is read from, so that it never appears in a process list or shell history.</summary>
    public const string PassphraseVariable = "SAMENREKEN_KEY_PASSPHRASE";

    public static Command Create()
    {
        var bits = new Option<int>("--bits")
        {
            Description = "Modulus size: 3072 (default), 2048 (warns) or 4096 bits.",
            DefaultValueFactory = _ => KeySizePolicy.DefaultBits,
        };
        bits.AcceptOnlyFromAmong("2048", "3072", "4096");
        var comparisonBits = new Option<int>("--comparison-bits")
        {
            Description = "Input length l of the secure comparison the DGK key serves (its plaintext prime is the smallest prime above 2^(l+2)).",
            DefaultValueFactory = _ => 32,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Directory for {KeyFiles.PublicKeyFileName} and {KeyFiles.PrivateKeyFileName} (mode 0600, encrypted).",
            Required = true,
        };
        var generate = new Command("generate", $"Generate a Paillier key pair; the private key is encrypted under the passphrase in ${PassphraseVariable}.")
        {
            bits,
            output,
        };
        generate.Add(comparisonBits);
        generate.SetAction(parseResult =>
        {
            var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
            if (string.IsNullOrEmpty(passphrase))
            {
                Console.Error.WriteLine($"error: set {PassphraseVariable} to the passphrase that protects the private key.");
                return 2;
            }

            var log = CliLog.Create("keys");
            var size = parseResult.GetValue(bits);
            CliLog.MathBackendChosen(log, MathBackend.Default);
            CliLog.WarnIfKeySizeDeprecated(log, size);
            var directory = parseResult.GetValue(output)!;
            var paillier = PaillierKeyPair.Generate(size, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Default);
            var dgk = DgkKeyPair.Generate(
                size, parseResult.GetValue(comparisonBits), DgkKeyPair.DefaultSubgroupBits(size), KeySizePolicy.Production, RandomSource.Secure, MathBackend.Default);
            foreach (var (publicPath, privatePath) in new[] { KeyFiles.Write(paillier, directory, passphrase), KeyFiles.Write(dgk, directory, passphrase) })
            {
                parseResult.InvocationConfiguration.Output.WriteLine($"public key:  {publicPath}");
                parseResult.InvocationConfiguration.Output.WriteLine($"private key: {privatePath} (encrypted, mode 0600)");
            }

            return 0;
        });
        return new Command("keys", "Generate and manage key files.") { generate };
    }
}
