using System.CommandLine;

namespace Samenreken.Cli;

/// <summary>Validation shared by several commands, so bad input is refused at parse time with a clear message.</summary>
internal static class OptionRules
{
    /// <summary>Refuses values below <paramref name="minimum"/> with a message naming the option.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}; got {value}.");
            }
        });
        return option;
    }

    /// <summary>The same for an optional value: refused only when given and below <paramref name="minimum"/>.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}; got {value}.");
            }
        });
        return option;
    }
}
