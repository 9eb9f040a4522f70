//! Depth-first search: a node on a cycle, and the longest path.
//!
//! Both walks share one iterative search ([`Digraph::depth_first`]), which
//! starts from each node not yet reached, in number order, and reports
//! every edge it follows and every node it leaves.

use std::convert::Infallible;
use std::ops::ControlFlow;

use super::digraph::Digraph;

/// Where the search stands with a node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Not reached yet.
    New,
    /// On the path being searched: an edge to it closes a cycle.
    Open,
    /// Left, with everything it reaches.
    Done,
}

/// What the search reports.
enum Event {
    /// The edge `from → to`, and where `to` stood before it was followed.
    Edge { from: usize, to: usize, was: Mark },
    /// Everything `node` reaches is done; `parent` is the node the search
    /// reached it from.
    Leave { node: usize, parent: Option<usize> },
}

/// The order in which a node's successors are followed.
#[derive(Clone, Copy)]
enum Order {
    FirstToLast,
    LastToFirst,
}

impl Digraph {
    /// A node that reaches itself, if there is one: the first that the
    /// search finds it is already on the path to.
    pub fn node_on_a_cycle(&self) -> Option<usize> {
        self.depth_first(Order::FirstToLast, |event| match event {
            Event::Edge { to, was: Mark::Open, .. } => ControlFlow::Break(to),
            _ => ControlFlow::Continue(()),
        })
    }

    /// The number of nodes on the longest path, not counting an edge back
    /// into the path (a cycle ends it). Successors are followed last to
    /// first.
    pub fn longest_path(&self) -> usize {
        // The longest path from each node, once it is done, and the
        // longest found so far below each open one.
        let mut height = vec![0; self.node_count()];
        let mut below = vec![0; self.node_count()];
        let mut longest = 0;
        let _: Option<Infallible> = self.depth_first(Order::LastToFirst, |event| {
            match event {
                Event::Edge { from, to, was: Mark::Done } => below[from] = below[from].max(height[to]),
                Event::Edge { .. } => {}
                Event::Leave { node, parent } => {
                    height[node] = below[node] + 1;
                    longest = longest.max(height[node]);
                    if let Some(parent) = parent {
                        below[parent] = below[parent].max(height[node]);
                    }
                }
            }
            ControlFlow::Continue(())
        });
        longest
    }

    /// Searches depth first from every node not yet reached, until `visit`
    /// breaks (with what it breaks with) or every node is done.
    fn depth_first<B>(&self, order: Order, mut visit: impl FnMut(Event) -> ControlFlow<B>) -> Option<B> {
        let mut marks = vec![Mark::New; self.node_count()];
        for start in 0..self.node_count() {
            if marks[start] != Mark::New {
                continue;
            }
            // Each entry: a node, and how many of its edges are followed.
            let mut stack = vec![(start, 0usize)];
            marks[start] = Mark::Open;
            while let Some((node, followed)) = stack.last_mut() {
                let (node, successors) = (*node, &self.successors[*node]);
                let next = match order {
                    Order::FirstToLast => successors.get(*followed),
                    Order::LastToFirst => successors.len().checked_sub(*followed + 1).map(|i| &successors[i]),
                };
                match next {
                    Some(&to) => {
                        *followed += 1;
                        let was = marks[to];
                        if let ControlFlow::Break(found) = visit(Event::Edge { from: node, to, was }) {
                            return Some(found);
                        }
                        if was == Mark::New {
                            marks[to] = Mark::Open;
                            stack.push((to, 0));
                        }
                    }
                    None => {
                        marks[node] = Mark::Done;
                        stack.pop();
                        let parent = stack.last().map(|(parent, _)| *parent);
                        if let ControlFlow::Break(found) = visit(Event::Leave { node, parent }) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `0 → 1 → … → links - 1`, and back to 0 when `cycle`.
    fn chain(links: usize, cycle: bool) -> Digraph {
        Digraph::new(
            (0..links)
                .map(|n| match n + 1 < links {
                    true => vec![n + 1],
                    false if cycle => vec![0],
                    false => vec![],
                })
                .collect(),
        )
    }

    #[test]
    fn a_node_on_a_cycle_is_found_and_a_long_chain_has_none() {
        assert_eq!(chain(100_000, false).node_on_a_cycle(), None);
        assert_eq!(chain(3, true).node_on_a_cycle(), Some(0));
        // 0 → 1 → 2 → 1: the search finds 1 open again.
        assert_eq!(Digraph::new(vec![vec![1], vec![2], vec![1]]).node_on_a_cycle(), Some(1));
    }

    #[test]
    fn the_longest_path_counts_nodes_and_a_cycle_ends_it() {
        assert_eq!(chain(100_000, false).longest_path(), 100_000);
        assert_eq!(chain(3, true).longest_path(), 3);
        assert_eq!(Digraph::default().longest_path(), 0);
        // 0 → {1, 3}, 1 → 2, 3 → 1: 0 3 1 2.
        assert_eq!(Digraph::new(vec![vec![1, 3], vec![2], vec![], vec![1]]).longest_path(), 4);
    }
}
