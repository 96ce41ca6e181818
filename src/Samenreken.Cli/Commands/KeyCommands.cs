using System.CommandLine;
using Samenreken.Cryptography;
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
        generate.SetAction(parseResult =>
        {
            var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
            if (string.IsNullOrEmpty(passphrase))
            {
                Console.Error.WriteLine($"error: set {PassphraseVariable} to the passphrase that protects the private key.");
                return 2;
            }

            var size = parseResult.GetValue(bits);
            if (KeySizePolicy.IsDeprecated(size))
            {
                Console.Error.WriteLine($"warning: {size}-bit keys are below the recommended {KeySizePolicy.DefaultBits} bits.");
            }

            var pair = PaillierKeyPair.Generate(size, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Default);
            var (publicPath, privatePath) = KeyFiles.Write(pair, parseResult.GetValue(output)!, passphrase);
            Console.WriteLine($"public key:  {publicPath}");
            Console.WriteLine($"private key: {privatePath} (encrypted, mode 0600)");
            return 0;
        });
        return new Command("keys", "Generate and manage key files.") { generate };
    }
}
