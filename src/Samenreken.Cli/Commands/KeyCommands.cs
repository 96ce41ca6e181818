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
    /// <summary>The environment variable a passphrase is read from (see <see cref="KeyFiles.PassphraseVariable"/>).</summary>
    public const string PassphraseVariable = KeyFiles.PassphraseVariable;

    public static Command Create() => new("keys", "Generate and check key files.") { Generate(), Check() };

    private static Command Generate()
    {
        var bits = CliOptions.Bits();
        var comparisonBits = CliOptions.ComparisonBits();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Directory for the key set ({string.Join(", ", KeyFiles.KeySet.Select(f => f.Name))}); it must not hold any of them.",
            Required = true,
        };
        var command = new Command(
            "generate",
            $"Generate a Paillier and a DGK key pair; the private keys are encrypted under the passphrase in ${PassphraseVariable} (at least {KeyFiles.MinimumPassphraseLength} characters) and written with mode 0600.")
        {
            bits,
            comparisonBits,
            output,
        };
        command.SetCliAction((parse, cli) =>
        {
            // Everything is checked before anything is generated or written: the passphrase, then every output file.
            var passphrase = KeyFiles.Passphrase();
            using var files = StagedOutput.Create(parse.GetValue(output)!, KeyFiles.KeySet, force: false, forceOffered: false);
            var log = cli.Logger("keys");
            var size = parse.GetValue(bits);
            CliLog.MathBackendChosen(log, MathBackend.Default);
            CliLog.WarnIfKeySizeDeprecated(log, size);
            var (paillier, dgk) = PhaseProgress.Run(cli, progress =>
            {
                progress.Report($"generating a {size}-bit Paillier key pair", 0, 0);
                var paillier = PaillierKeyPair.Generate(size, KeySizePolicy.Production, RandomSource.Secure, MathBackend.Default);
                progress.Report($"generating a {size}-bit DGK key pair", 0, 0);
                var dgk = DgkKeyPair.Generate(size, parse.GetValue(comparisonBits), DgkKeyPair.DefaultSubgroupBits(size), KeySizePolicy.Production, RandomSource.Secure, MathBackend.Default);
                return (paillier, dgk);
            });
            using (paillier)
            using (dgk)
            {
                KeyFiles.Write(paillier, files, passphrase);
                KeyFiles.Write(dgk, files, passphrase);
            }

            foreach (var path in files.Commit())
            {
                cli.Output.WriteLine(path.EndsWith(".key", StringComparison.Ordinal) ? $"private key: {path} (encrypted, mode 0600)" : $"public key:  {path}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Check()
    {
        var input = new Option<DirectoryInfo>("--in") { Description = "Directory holding a key set written by 'keys generate'.", Required = true };
        var command = new Command("check", $"Open a key set with the passphrase in ${PassphraseVariable} and check that each private key matches its public key.") { input };
        command.SetCliAction((parse, cli) =>
        {
            var directory = parse.GetValue(input)!.FullName;
            if (!Directory.Exists(directory))
            {
                throw CliException.FileAccess($"{directory}: no such directory");
            }

            var passphrase = KeyFiles.Passphrase();
            string In(string name) => Path.Combine(directory, name);
            var paillierPublic = KeyFiles.ReadPublicKey(In(KeyFiles.PublicKeyFileName), KeySizePolicy.Production);
            var dgkPublic = KeyFiles.ReadDgkPublicKey(In(KeyFiles.DgkPublicKeyFileName), KeySizePolicy.Production);
            using var paillier = KeyFiles.ReadPrivateKey(In(KeyFiles.PrivateKeyFileName), passphrase, KeySizePolicy.Production);
            using var dgk = KeyFiles.ReadDgkPrivateKey(In(KeyFiles.DgkPrivateKeyFileName), passphrase, KeySizePolicy.Production);
            if (!paillier.PublicKey.Equals(paillierPublic) || !dgk.PublicKey.Equals(dgkPublic))
            {
                throw CliException.InvalidInput($"the private and public keys in {directory} do not belong together");
            }

            cli.Output.WriteLine($"Paillier {paillierPublic.Bits} bits and DGK {dgkPublic.Bits} bits (u = {dgkPublic.U}): both private keys open and match their public keys.");
            return ExitCodes.Success;
        });
        return command;
    }
}
