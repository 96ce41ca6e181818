using System.Reflection;
using NetArchTest.Rules;

namespace Samenreken.Architecture.Tests;

/// <summary>
/// The dependency rules of STYLE.md as tests: dependencies point inward, and the sans-I/O layers (Cryptography,
/// Protocols, Governance, Disclosure) use no files, streams, network or logging. Each rule also runs against Cli, which breaks it on purpose,
/// to show the rule can fail.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] s_ourAssemblies =
    [
        "Samenreken.Cryptography", "Samenreken.Protocols", "Samenreken.Domain", "Samenreken.Synthetic",
        "Samenreken.Benchmarking", "Samenreken.Pilot", "Samenreken.Storage", "Samenreken.Nodes", "Samenreken.Fairness", "Samenreken.Fairness.Reporting",
        "Samenreken.Governance", "Samenreken.Disclosure", "Samenreken.Web", "samenreken",
    ];

    private static readonly string[] s_ourNamespaces =
    [
        "Samenreken.Cryptography", "Samenreken.Protocols", "Samenreken.Domain", "Samenreken.Synthetic",
        "Samenreken.Benchmarking", "Samenreken.Pilot", "Samenreken.Cli", "Samenreken.Governance", "Samenreken.Storage",
        "Samenreken.Contracts", "Samenreken.Nodes", "Samenreken.Fairness", "Samenreken.Fairness.Reporting", "Samenreken.Web",
        "Samenreken.Disclosure",
    ];

    /// <summary>Files and streams, the network and logging: what a sans-I/O layer must not touch.</summary>
    private static readonly string[] s_ioNamespaces =
    [
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory", "System.IO.DirectoryInfo",
        "System.IO.Stream", "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.Pipes", "System.IO.Pipelines",
        "System.Net", "Microsoft.Extensions.Logging", "System.Console",
    ];

    private static Assembly Load(string name) => Assembly.Load(name);

    private static string[] OursExcept(params string[] allowed) => [.. s_ourNamespaces.Where(ns => !allowed.Contains(ns))];

    /// <summary>
    /// Where coverlet injects its hit tracker when coverage is collected: the tracker writes hit files (System.IO), but
    /// it is the measurement's code, not ours.
    /// </summary>
    private const string CoverletTrackerNamespace = "Coverlet.Core.Instrumentation.Tracker";

    private static TestResult MustNotDependOn(Assembly assembly, string[] forbidden)
        => Types.InAssembly(assembly).That().DoNotResideInNamespace(CoverletTrackerNamespace)
            .Should().NotHaveDependencyOnAny(forbidden).GetResult();

    private static void AssertHolds(TestResult result)
        => Assert.True(result.IsSuccessful, "Violations: " + string.Join(", ", result.FailingTypeNames ?? []));

    private static void AssertFlags(TestResult result, string typeName)
    {
        Assert.False(result.IsSuccessful);
        Assert.Contains(typeName, result.FailingTypeNames);
    }

    [Fact]
    public void Cryptography_DependsOnNothingOfOurs()
    {
        AssertHolds(MustNotDependOn(Load("Samenreken.Cryptography"), OursExcept("Samenreken.Cryptography")));

        // The same rule pointed at Cli must fail: the bench command uses Samenreken.Benchmarking.
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Cryptography", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void Protocols_DependsOnlyOnCryptography()
    {
        AssertHolds(MustNotDependOn(Load("Samenreken.Protocols"), OursExcept("Samenreken.Protocols", "Samenreken.Cryptography")));
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Protocols", "Samenreken.Cryptography", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void Domain_DependsOnNothingOfOurs()
    {
        AssertHolds(MustNotDependOn(Load("Samenreken.Domain"), OursExcept("Samenreken.Domain")));
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Domain", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void Fairness_DependsOnNothingOfOurs()
    {
        AssertHolds(MustNotDependOn(Load("Samenreken.Fairness"), OursExcept("Samenreken.Fairness")));
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Fairness", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void Governance_DependsOnDomainAndTheDisclosureDescriptionAtMost()
    {
        // The DPIA prints what each party sees from the description the privacy tests check (Samenreken.Disclosure),
        // not from the protocol code: Governance stays free of the cryptography and the wire format.
        AssertHolds(MustNotDependOn(Load("Samenreken.Governance"), OursExcept("Samenreken.Governance", "Samenreken.Domain", "Samenreken.Disclosure")));
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Governance", "Samenreken.Domain", "Samenreken.Disclosure", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");

        // Broken twin: the rule without Disclosure allowed sees the DPIA table that renders it.
        AssertFlags(MustNotDependOn(Load("Samenreken.Governance"), OursExcept("Samenreken.Governance", "Samenreken.Domain")), "Samenreken.Governance.Documents.ProtocolViews");
    }

    [Fact]
    public void Disclosure_DependsOnNothingOfOurs()
    {
        // The description of each party's view is data that both sides of the check reach: Governance prints it,
        // Samenreken.Protocols.Tests checks it against the protocol. So it depends on neither.
        AssertHolds(MustNotDependOn(Load("Samenreken.Disclosure"), OursExcept("Samenreken.Disclosure")));
        AssertFlags(MustNotDependOn(Load("samenreken"), OursExcept("Samenreken.Disclosure", "Samenreken.Cli")), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void FairnessReporting_DependsOnlyOnFairness()
    {
        AssertHolds(MustNotDependOn(Load("Samenreken.Fairness.Reporting"), OursExcept("Samenreken.Fairness", "Samenreken.Fairness.Reporting")));

        // Broken twin: the rule for the statistics library, pointed at the HTML page that uses it, fails.
        AssertFlags(MustNotDependOn(Load("Samenreken.Fairness.Reporting"), ["Samenreken.Fairness.FairnessReport"]), "Samenreken.Fairness.Reporting.FairnessHtml");
    }

    [Theory]
    [InlineData("Samenreken.Cryptography")]
    [InlineData("Samenreken.Protocols")]
    [InlineData("Samenreken.Fairness")]
    [InlineData("Samenreken.Governance")]
    [InlineData("Samenreken.Disclosure")]
    [InlineData("Samenreken.Fairness.Reporting")]
    public void SansIoLayers_UseNoFilesStreamsNetworkOrLogging(string assembly)
    {
        AssertHolds(MustNotDependOn(Load(assembly), s_ioNamespaces));

        // Broken twin: the CLI writes the JSON report through FileInfo and a Stream, and the rule sees it.
        AssertFlags(MustNotDependOn(Load("samenreken"), s_ioNamespaces), "Samenreken.Cli.CryptoBenchCommand");
    }

    [Fact]
    public void Storage_DependsOnGovernanceAtMost()
    {
        // The stores hold opaque bytes: what they mean (and what is sealed) is the node's business. The audit store
        // implements Governance's IAuditStore and the pilot store its IPilotStoreRepository, so Governance (and the Domain below it) is allowed.
        AssertHolds(MustNotDependOn(Load("Samenreken.Storage"), OursExcept("Samenreken.Storage", "Samenreken.Governance", "Samenreken.Domain")));
        AssertFlags(MustNotDependOn(Load("Samenreken.Nodes"), OursExcept("Samenreken.Nodes")), "Samenreken.Nodes.Uwv.UwvRuns");
    }

    [Fact]
    public void Web_DependsOnGovernanceStorageAndDomainAtMost()
    {
        // The pages see the node's data only through their own interfaces (ISvbRunConsole, IUwvOperatorView): no
        // protocol, key or node type reaches them.
        string[] allowed = ["Samenreken.Web", "Samenreken.Governance", "Samenreken.Storage", "Samenreken.Domain"];
        AssertHolds(MustNotDependOn(Load("Samenreken.Web"), OursExcept(allowed)));

        // Broken twin: the node's side of those interfaces reads the node's store and driver, and the rule sees it.
        AssertFlags(MustNotDependOn(Load("Samenreken.Nodes"), OursExcept(allowed)), "Samenreken.Nodes.Web.SvbWebConsole");
    }

    [Fact]
    public void NothingButCliDependsOnNodes()
    {
        foreach (var assembly in s_ourAssemblies.Where(a => a is not "samenreken" and not "Samenreken.Nodes"))
        {
            AssertHolds(MustNotDependOn(Load(assembly), ["Samenreken.Nodes"]));
        }

        // Broken twin: the CLI's certs command calls the Nodes library, and the rule sees it.
        AssertFlags(MustNotDependOn(Load("samenreken"), ["Samenreken.Nodes"]), "Samenreken.Cli.CertCommands");
    }

    [Fact]
    public void NothingDependsOnCli()
    {
        foreach (var assembly in s_ourAssemblies.Where(a => a != "samenreken"))
        {
            AssertHolds(MustNotDependOn(Load(assembly), ["Samenreken.Cli"]));
        }

        // Broken twin: inside Cli, the bench group depends on the crypto subcommand.
        AssertFlags(MustNotDependOn(Load("samenreken"), ["Samenreken.Cli"]), "Samenreken.Cli.BenchCommands");
    }
}
