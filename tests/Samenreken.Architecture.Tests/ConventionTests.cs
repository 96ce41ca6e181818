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

    private static readonly string[] s_shippedAssemblies =
    [
        "Samenreken.Cryptography", "Samenreken.Protocols", "Samenreken.Domain", "Samenreken.Synthetic",
        "Samenreken.Benchmarking", "Samenreken.Pilot", "Samenreken.Web", "samenreken",
    ];

    public static TheoryData<string> ClosedAssemblies => [.. s_closedAssemblies];

    public static TheoryData<string> ShippedAssemblies => [.. s_shippedAssemblies];

    /// <summary>Protobuf's generated messages follow protoc's conventions, not ours.</summary>
    private static IEnumerable<Type> OwnPublicTypes(string assembly)
        => Assembly.Load(assembly).GetExportedTypes().Where(t => !t.GetInterfaces().Any(i => i.FullName == "Google.Protobuf.IMessage"));

    private static bool IsReachableFromOutside(MethodBase member) => member.IsPublic || member.IsFamily || member.IsFamilyOrAssembly;

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
    public void TestOnlyApi_IsNotPublic()
    {
        var cryptography = Assembly.Load("Samenreken.Cryptography");

        Assert.False(cryptography.GetType("Samenreken.Cryptography.Randomness.InsecureSeededRandomSource", throwOnError: true)!.IsPublic);
        Assert.Null(typeof(Samenreken.Cryptography.KeySizePolicy).GetProperty("InsecureForTests", BindingFlags.Public | BindingFlags.Static));
        Assert.Null(typeof(Samenreken.Cryptography.Dgk.DgkPrivateKey).GetMethod("DecryptSmall", BindingFlags.Public | BindingFlags.Instance));
    }
}
