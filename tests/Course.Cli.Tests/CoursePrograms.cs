using System.Reflection;
using System.Text.RegularExpressions;

namespace Course.Cli.Tests;

/// <summary>
/// Every program of the course, found the way a student finds them: the projects under chapters/ (and
/// shared/: the chart program) in Tutorial.sln that build a program. Not a list kept by hand, so a new
/// chapter cannot be forgotten.
/// </summary>
public static partial class CoursePrograms
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Each program's assembly name ("echo", "agar") and its project file, relative to the root.</summary>
    public static IReadOnlyList<(string AssemblyName, string Project)> All { get; } = Find();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All) data.Add(name);
        return data;
    }

    /// <summary>The program's assembly, which this test project references (and so has next to it).</summary>
    public static Assembly Load(string assemblyName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException)
        {
            string project = All.Single(p => p.AssemblyName == assemblyName).Project;
            throw new InvalidOperationException($"{project} is a program in Tutorial.sln: add a ProjectReference to it in tests/Course.Cli.Tests");
        }
    }

    private static IReadOnlyList<(string, string)> Find()
    {
        string solution = File.ReadAllText(Path.Combine(RepositoryRoot, "Tutorial.sln"));
        var programs = new List<(string, string)>();
        foreach (Match project in ProjectLine().Matches(solution))
        {
            string relative = project.Groups[1].Value.Replace('\\', '/');
            if (!relative.StartsWith("chapters/", StringComparison.Ordinal) && !relative.StartsWith("shared/", StringComparison.Ordinal)) continue;
            string text = File.ReadAllText(Path.Combine(RepositoryRoot, relative));
            if (!text.Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal)) continue;
            Match name = AssemblyNameElement().Match(text);
            programs.Add((name.Success ? name.Groups[1].Value : Path.GetFileNameWithoutExtension(relative), relative));
        }
        return programs;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Tutorial.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Tutorial.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^Project\(""[^""]*""\) = ""[^""]*"", ""([^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();
}
