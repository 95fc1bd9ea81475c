namespace Course.Testing;

/// <summary>The repository the tests run from: for the tests that compare code with what the docs commit.</summary>
public static class Repository
{
    /// <summary>The folder that holds Tutorial.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The text of a file, by its path from the repository root ("docs/traces/01-echo.trace").</summary>
    public static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Tutorial.sln"))) return folder.FullName;
        throw new InvalidOperationException($"no Tutorial.sln above {AppContext.BaseDirectory}");
    }
}
