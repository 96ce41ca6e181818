using System.Reflection;

namespace Samenreken.Fairness.Tests;

/// <summary>Conventions of the public surface checked by reflection, so they cannot rot (Noda Time's ConsistencyTest).</summary>
public sealed class PublicSurfaceTests
{
    private static readonly Type[] s_publicTypes = typeof(MonitoringPlan).Assembly.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
        => Assert.All(s_publicTypes.Where(t => t.IsClass), t => Assert.True(t.IsSealed, $"{t.Name} is neither sealed nor static"));

    [Fact]
    public void ReportTypes_HaveNoPublicSetters()
    {
        // Everything the report carries is immutable once built: init-only or get-only.
        var settable = s_publicTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");
        Assert.Empty(settable);
    }

    [Fact]
    public void StatisticsNamespace_IsInternal()
        => Assert.DoesNotContain(s_publicTypes, t => t.Namespace == "Samenreken.Fairness.Statistics");
}
