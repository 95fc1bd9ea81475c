using Xunit;

namespace Course.Testing;

/// <summary>
/// A fact that needs a program this repository does not build (nc, chromium, redis-server, ...). Where the
/// program is missing the test is skipped with a one-line install hint, except under <c>CI=true</c>, where
/// <c>.ci/run</c> has installed everything: there a missing program must fail the test, not hide it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsProgramFactAttribute : FactAttribute
{
    public NeedsProgramFactAttribute(string program, string installHint)
    {
        Program = program;
        if (ExternalProgram.Find(program) is null && !ExternalProgram.OnCi)
            Skip = $"needs '{program}': install it with `{installHint}`";
    }

    public string Program { get; }
}

/// <summary>A theory that needs a program this repository does not build; skipped like <see cref="NeedsProgramFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NeedsProgramTheoryAttribute : TheoryAttribute
{
    public NeedsProgramTheoryAttribute(string program, string installHint)
    {
        if (ExternalProgram.Find(program) is null && !ExternalProgram.OnCi)
            Skip = $"needs '{program}': install it with `{installHint}`";
    }
}
