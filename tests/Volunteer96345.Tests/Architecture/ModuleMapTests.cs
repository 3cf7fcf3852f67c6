namespace Volunteer96345.Tests.Architecture;

/// <summary>
/// The module map, read from the compiled app (docs/architecture.md, Modules). Modules may use the shared kernel
/// (<c>Common</c>, <c>Data</c>) and the shared UI (<c>Components</c>) freely; every other reference between two
/// folders must be in <see cref="Allowed"/>, written once here. The table is a ratchet: an edge that appears must be
/// added on purpose (and the map in docs/architecture.md with it), an edge that disappears must be struck out.
/// </summary>
public sealed class ModuleMapTests
{
    private static readonly HashSet<string> Shared = ["Common", "Data", "Components"];

    /// <summary>
    /// The allowed references that are not a module's use of the shared kernel or UI. The modules form layers, each reading
    /// only those before it: Network; Accounts; People; Points; Activities and WorkOrders; Integration and StationServices;
    /// then the compositions in <see cref="Tops"/>. A module that must hear of another's change without reading it gets an
    /// event (Common/Events), an interface it registers (Points' IServiceHours) or a save observer (Data/ISaveObserver).
    /// </summary>
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("Accounts", "Network"),
        ("Activities", "Network"),
        ("Activities", "People"),
        ("Activities", "Points"),
        ("Integration", "Network"),
        ("Integration", "WorkOrders"),
        ("People", "Accounts"),
        ("People", "Network"),
        ("Points", "Network"),
        ("Points", "People"),
        ("StationServices", "Activities"),
        ("StationServices", "Network"),
        ("StationServices", "People"),
        ("StationServices", "Points"),
        ("StationServices", "WorkOrders"), // a 低保 call handed over to an errand (IIntakeHandOver), the catalogue items a type takes over
        ("WorkOrders", "Network"),
        ("WorkOrders", "People"),
        ("WorkOrders", "Points"),

        // The shared UI reading modules (the kernel, Common and Data, reads none).
        ("Components", "Accounts"), // the app shell: sign-in redirect
        ("Components", "Network"), // the home page's figures
        ("Components", "People"),
        ("Components", "WorkOrders"),
    ];

    /// <summary>The cycles among the modules (the shared kernel and UI left out), each as its set of modules: none.</summary>
    private static readonly string[] KnownCycles = [];

    /// <summary>
    /// Compositions that may read every module and that none may read: the demo town (Demo), the volunteer's own record
    /// (Me), the evaluation (Evaluation) and the reports to come. The demo is the top of them all: it plays the town's year
    /// through every module's handlers, the evaluation's too, so it alone may read another top (ADR 0030).
    /// </summary>
    private static readonly string[] Tops = ["Demo", "Evaluation", "Me", "Reports"];

    /// <summary>The shared kernel: every module may use it, and it uses no module (modules register what it needs to call).</summary>
    private static readonly string[] Kernel = ["Common", "Data"];

    private static readonly ModuleGraph Graph = ModuleGraph.Of(typeof(Volunteer96345.Data.AppDbContext).Assembly.Location);

    [Fact]
    public void Every_reference_between_modules_is_in_the_map()
    {
        var unexpected = Graph.Edges
            .Where(e => !(Shared.Contains(e.Key.To) && !Shared.Contains(e.Key.From)) && !Allowed.Contains(e.Key)
                && !(Shared.Contains(e.Key.From) && Shared.Contains(e.Key.To)) && !Tops.Contains(e.Key.From))
            .Select(e => $"{e.Key.From} -> {e.Key.To} (by {string.Join(", ", e.Value.Take(5))})")
            .ToList();
        Assert.True(unexpected.Count == 0,
            "References not in the module map (move the code, or add the edge to ModuleMapTests.Allowed and docs/architecture.md on purpose):\n"
            + string.Join("\n", unexpected));
    }

    [Fact]
    public void Every_edge_in_the_map_still_exists()
    {
        var gone = Allowed.Where(e => !Graph.Edges.ContainsKey(e)).Select(e => $"{e.From} -> {e.To}").ToList();
        Assert.True(gone.Count == 0, "Edges in ModuleMapTests.Allowed that the code no longer has; strike them out:\n" + string.Join("\n", gone));
    }

    [Fact]
    public void No_cycle_among_modules_beyond_the_known_ones()
    {
        var modules = Graph.Edges.Keys.Where(e => !Shared.Contains(e.From) && !Shared.Contains(e.To)).ToHashSet();
        var cycles = ModuleGraph.Cycles(modules);
        Assert.Equal(KnownCycles, cycles);
    }

    [Fact]
    public void Nothing_reads_the_modules_that_read_everything()
    {
        var readers = Graph.Edges.Keys.Where(e => Tops.Contains(e.To) && e.From != "Demo").Select(e => $"{e.From} -> {e.To}").ToList();
        Assert.Empty(readers);
    }

    [Fact]
    public void The_kernel_reads_no_module()
    {
        var reads = Graph.Edges.Where(e => Kernel.Contains(e.Key.From) && !Shared.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} (by {string.Join(", ", e.Value.Take(5))})").ToList();
        Assert.True(reads.Count == 0, "Common and Data must not name a module; let the module register what the kernel calls:\n" + string.Join("\n", reads));
    }

    [Fact]
    public void The_graph_sees_references_in_method_bodies_and_signatures()
    {
        // A check on the reader itself: known references of each kind are found.
        Assert.Contains("Volunteer96345.Points.Training.TrainingPoints", Graph.Edges[("Points", "People")]); // a parameter type
        Assert.Contains("Volunteer96345.WorkOrders.WorkOrderHours", Graph.Edges[("WorkOrders", "Points")]); // an interface
        Assert.Contains("Volunteer96345.WorkOrders.GiveFeedback.GiveFeedbackHandler", Graph.Edges[("WorkOrders", "Points")]); // a call in a body
        Assert.Equal(["Alpha ⇄ Beta"], ModuleGraph.Cycles([("Alpha", "Beta"), ("Beta", "Alpha"), ("Beta", "Gamma")]));
        Assert.Empty(ModuleGraph.Cycles([("Alpha", "Beta"), ("Beta", "Gamma")]));
    }
}
