using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;

namespace Course.Cli;

/// <summary>
/// What a ranged option accepts, whatever its number type: the one-line error uses it, and so does the
/// test that tries a value just outside every option's range.
/// </summary>
public interface IRangedOption
{
    decimal Min { get; }
    decimal Max { get; }
    /// <summary>True when the value must be more than <see cref="Min"/> (a timeout of 0 s makes no sense).</summary>
    bool AboveMin { get; }
    bool WholeNumbers { get; }
    /// <summary>What 0 means when it is accepted although it is outside the range ("never"), or null.</summary>
    string? Zero { get; }
    /// <summary>The end of "--port must be ...": "a whole number between 0 and 65535".</summary>
    string Accepts { get; }
}

/// <summary>
/// A number option that checks its own range while the command line is parsed, so a wrong value ends
/// in one line that names the option and what it accepts. Declare one with <see cref="Ranged"/>.
/// </summary>
/// <remarks>
/// Why not a validator on a plain <c>Option&lt;int&gt;</c>? A validator runs after conversion, and when
/// "abc" did not convert, asking the result for its value throws: the user got a stack trace. Here the
/// parser reads the text itself, so a non-number and a number out of range are the same kind of mistake.
/// </remarks>
public sealed class RangedOption<T> : Option<T>, IRangedOption where T : struct, INumber<T>
{
    private readonly NumberRange<T> _range;

    internal RangedOption(string name, string description, T defaultValue, NumberRange<T> range) : base(name)
    {
        if (!range.Allows(defaultValue)) throw new ArgumentException($"{name}'s default {defaultValue} is outside its own range");
        _range = range;
        Description = range.Zero is null ? description : $"{description} (0: {range.Zero})";
        DefaultValueFactory = _ => defaultValue;
        CustomParser = Read;
    }

    public decimal Min => _range.MinAsDecimal;
    public decimal Max => _range.MaxAsDecimal;
    public bool AboveMin => _range.AboveMin;
    public bool WholeNumbers => NumberRange<T>.WholeNumbers;
    public string? Zero => _range.Zero;
    public string Accepts => _range.Accepts();

    private T Read(ArgumentResult result)
    {
        // One token: "--port abc", "--port ''". (Two, "--port 1 --port 2", is refused before we get here.)
        string text = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (_range.TryRead(text, out T value)) return value;
        result.AddError($"{Name} must be {Accepts}, not '{text}'.");
        return default;
    }
}

/// <summary>
/// A list of numbers in one range, typed either as separate words or with commas:
/// <c>--clients 10 100 1000</c> and <c>--clients 10,100,1000</c> mean the same.
/// </summary>
public sealed class RangedListOption<T> : Option<T[]>, IRangedOption where T : struct, INumber<T>
{
    private readonly NumberRange<T> _range;

    internal RangedListOption(string name, string description, T[] defaultValues, NumberRange<T> range) : base(name)
    {
        if (defaultValues.Length == 0 || !defaultValues.All(range.Allows)) throw new ArgumentException($"{name}'s defaults are outside its own range");
        _range = range;
        Description = description;
        DefaultValueFactory = _ => [.. defaultValues];
        AllowMultipleArgumentsPerToken = true;
        CustomParser = Read;
    }

    public decimal Min => _range.MinAsDecimal;
    public decimal Max => _range.MaxAsDecimal;
    public bool AboveMin => _range.AboveMin;
    public bool WholeNumbers => NumberRange<T>.WholeNumbers;
    public string? Zero => _range.Zero;
    public string Accepts => $"{_range.Accepts(plural: true)}, separated by spaces or commas";

    private T[] Read(ArgumentResult result)
    {
        var values = new List<T>();
        foreach (Token token in result.Tokens)
        {
            foreach (string part in token.Value.Split(','))
            {
                if (_range.TryRead(part.Trim(), out T value))
                {
                    values.Add(value);
                    continue;
                }
                result.AddError($"{Name} must be {Accepts}, not '{part.Trim()}'.");
                return [];
            }
        }
        return [.. values];
    }
}
