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
    /// Me (the volunteer's own record, composed from several). A module that must hear of another's change without reading
    /// it gets an event (Common/Events) or an interface it registers (Points' IServiceHours). The kernel's references to
    /// modules are the one DbContext's entity sets and the composition of the demo seed and start-up, by design, apart
    /// from the ones marked "kernel".
    /// </summary>
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("Accounts", "Network"),
        ("Activities", "Network"),
        ("Activities", "People"),
        ("Activities", "Points"),
        ("Integration", "Network"),
        ("Integration", "WorkOrders"),
        ("Me", "Activities"),
        ("Me", "People"),
        ("Me", "WorkOrders"),
        ("People", "Accounts"),
        ("People", "Network"),
        ("Points", "Network"),
        ("Points", "People"),
        ("StationServices", "Activities"),
        ("StationServices", "Network"),
        ("StationServices", "People"),
        ("StationServices", "Points"),
        ("WorkOrders", "Network"),
        ("WorkOrders", "People"),
        ("WorkOrders", "Points"),

        // The shared kernel and UI reading modules.
        ("Common", "Network"), // kernel: the audit log and the station scope guard name Station
        ("Components", "Accounts"), // the app shell: sign-in redirect
        ("Components", "Network"), // the home page's figures
        ("Components", "People"),
        ("Components", "WorkOrders"),
        ("Data", "Accounts"), // the demo seed
        ("Data", "Activities"),
        ("Data", "Integration"),
        ("Data", "Network"),
        ("Data", "People"),
        ("Data", "Points"),
        ("Data", "StationServices"),
        ("Data", "WorkOrders"), // the entity sets; kernel: WorkOrderFeed and RegistryVersion hooks in SaveChanges
    ];

    /// <summary>The cycles among the modules (the shared kernel and UI left out), each as its set of modules: none.</summary>
    private static readonly string[] KnownCycles = [];

    /// <summary>Modules that read every other module (or compose pages from several); none may read them.</summary>
    private static readonly string[] ReadOnlyTops = ["Evaluation", "Reports", "Me"];

    private static readonly ModuleGraph Graph = ModuleGraph.Of(typeof(Volunteer96345.Data.AppDbContext).Assembly.Location);

    [Fact]
    public void Every_reference_between_modules_is_in_the_map()
    {
        var unexpected = Graph.Edges
            .Where(e => !(Shared.Contains(e.Key.To) && !Shared.Contains(e.Key.From)) && !Allowed.Contains(e.Key)
                && !(Shared.Contains(e.Key.From) && Shared.Contains(e.Key.To)))
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
        var readers = Graph.Edges.Keys.Where(e => ReadOnlyTops.Contains(e.To)).Select(e => $"{e.From} -> {e.To}").ToList();
        Assert.Empty(readers);
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
