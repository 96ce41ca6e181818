using System.Reflection;
using System.Runtime.CompilerServices;

namespace Samenreken.Architecture.Tests;

/// <summary>
/// Conventions of the public API, in the style of Noda Time's convention tests: the crypto and protocol types cannot
/// be extended or constructed from outside, equality is complete, and no shipped assembly opens its internals to
/// another shipped assembly.
/// </summary>
public sealed class ConventionTests
{
    private static readonly string[] s_closedAssemblies = ["Samenreken.Cryptography", "Samenreken.Protocols"];

    /// <summary>Every project under src/ is shipped: the list is read from the folder, so a new project cannot be left out.</summary>
    private static readonly string[] s_shippedAssemblies = [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories)
        .Select(AssemblyNameOf)
        .Order(StringComparer.Ordinal)];

    public static TheoryData<string> ClosedAssemblies => [.. s_closedAssemblies];

    public static TheoryData<string> ShippedAssemblies => [.. s_shippedAssemblies];

    /// <summary>Names that mark an API as test-only or as bypassing a safeguard; such a member is internal, reached by the tests through InternalsVisibleTo.</summary>
    private static bool IsTestOnlyName(string name)
        => name.EndsWith("ForTests", StringComparison.Ordinal) || name.StartsWith("Insecure", StringComparison.Ordinal)
            || name.Contains("Unencrypted", StringComparison.Ordinal) || name.StartsWith("Unsafe", StringComparison.Ordinal)
            || name == "DecryptSmall";

    /// <summary>Protobuf's generated messages follow protoc's conventions, not ours.</summary>
    private static IEnumerable<Type> OwnPublicTypes(string assembly)
        => Assembly.Load(assembly).GetExportedTypes().Where(t => !t.GetInterfaces().Any(i => i.FullName == "Google.Protobuf.IMessage"));

    private static bool IsFaultHookName(string name) => name.EndsWith("Faults", StringComparison.Ordinal) || name.StartsWith("Broken", StringComparison.Ordinal);

    private static bool IsReachableFromOutside(MethodBase member) => member.IsPublic || member.IsFamily || member.IsFamilyOrAssembly;

    private static bool IsReachableFromOutside(MemberInfo member) => member switch
    {
        MethodBase method => IsReachableFromOutside(method),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsReachableFromOutside),
        EventInfo e => e.AddMethod is { } add && IsReachableFromOutside(add),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => false,
    };

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samenreken.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Samenreken.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The project's AssemblyName where it sets one (the CLI: "samenreken"), else the project's name.</summary>
    private static string AssemblyNameOf(string project)
    {
        var set = System.Xml.Linq.XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value;
        return string.IsNullOrWhiteSpace(set) ? Path.GetFileNameWithoutExtension(project) : set.Trim();
    }

    [Theory]
    [MemberData(nameof(ClosedAssemblies))]
    public void EveryPublicClass_IsSealedStatic_OrClosedToSubclassesOutsideTheAssembly(string assembly)
    {
        var open = OwnPublicTypes(assembly)
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .Where(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Any(IsReachableFromOutside))
            .Select(t => t.FullName);

        Assert.Empty(open);
    }

    [Theory]
    [MemberData(nameof(ClosedAssemblies))]
    public void EveryIEquatable_HasEqualityOperators(string assembly)
    {
        var missing = OwnPublicTypes(assembly)
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)))
            .Where(t => t.GetMethod("op_Equality", BindingFlags.Public | BindingFlags.Static) is null
                || t.GetMethod("op_Inequality", BindingFlags.Public | BindingFlags.Static) is null)
            .Select(t => t.FullName);

        Assert.Empty(missing);
    }

    [Fact]
    public void KeyCiphertextAndRandomizerTypes_HaveNoPublicConstructor()
    {
        var suffixes = new[] { "Key", "KeyPair", "Ciphertext", "Randomizer" };
        var types = OwnPublicTypes("Samenreken.Cryptography").Where(t => suffixes.Any(s => t.Name.EndsWith(s, StringComparison.Ordinal))).ToList();
        Assert.Contains(types, t => t.Name == "PaillierRandomizer"); // the rule sees the types it is about

        var constructible = types.Where(t => t.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Any(IsReachableFromOutside));

        Assert.Empty(constructible.Select(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void NoShippedAssembly_OpensItsInternalsToANonTestAssembly(string assembly)
    {
        var friends = Assembly.Load(assembly).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.DoesNotContain(friends, name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Samenreken.Benchmarks");
    }

    [Fact]
    public void ShippedAssemblies_AreEveryProjectUnderSrc()
        => Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "Samenreken.Cryptography", "Samenreken.Protocols", "Samenreken.Nodes", "Samenreken.Storage", "Samenreken.Governance", "samenreken" },
            new HashSet<string>(s_shippedAssemblies, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void NoShippedAssembly_HasAPublicTestOnlyMember(string assembly)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = Assembly.Load(assembly).GetExportedTypes();
        var exposed = types.Where(t => IsTestOnlyName(t.Name)).Select(t => t.FullName)
            .Concat(types.SelectMany(t => t.GetMembers(declared))
                .Where(m => IsTestOnlyName(m.Name) && IsReachableFromOutside(m))
                .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}"));

        Assert.Empty(exposed);
    }

    [Fact]
    public void TestOnlyNames_CoverTheTestOnlyApi()
    {
        // The rule above is only as good as its names: each test-only member of the issue is caught by one.
        var cryptography = Assembly.Load("Samenreken.Cryptography");
        var internals = cryptography.GetTypes().SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[] { "InsecureForTests", "ExportUnencrypted", "ImportUnencrypted", "TryImportUnencrypted", "DecryptSmall" })
        {
            Assert.Contains(name, internals);
            Assert.True(IsTestOnlyName(name), name);
        }

        Assert.True(IsTestOnlyName("InsecureSeededRandomSource"));
        Assert.False(IsTestOnlyName("AllowsInsecureSizes"));
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void NoShippedAssembly_CarriesAFaultHook(string assembly)
    {
        // Broken twins are built by the tests (test-side subclasses of an injected strategy), so no shipped type,
        // internal or public, switches a safeguard off.
        var hooks = Assembly.Load(assembly).GetTypes().Where(t => IsFaultHookName(t.Name)).Select(t => t.FullName);

        Assert.Empty(hooks);
    }

    [Fact]
    public void FaultHookNames_CoverTheHooksThatWereShipped()
    {
        foreach (var name in new[] { "EvaluatorFaults", "KeyHolderFaults" })
        {
            Assert.True(IsFaultHookName(name), name);
        }

        Assert.False(IsFaultHookName("DefaultSettings"));
    }

    [Fact]
    public void TestOnlyApi_IsNotPublic()
    {
        var cryptography = Assembly.Load("Samenreken.Cryptography");

        Assert.False(cryptography.GetType("Samenreken.Cryptography.Randomness.InsecureSeededRandomSource", throwOnError: true)!.IsPublic);
        Assert.Null(typeof(Samenreken.Cryptography.KeySizePolicy).GetProperty("InsecureForTests", BindingFlags.Public | BindingFlags.Static));
        Assert.Null(typeof(Samenreken.Cryptography.Dgk.DgkPrivateKey).GetMethod("DecryptSmall", BindingFlags.Public | BindingFlags.Instance));
    }
}
