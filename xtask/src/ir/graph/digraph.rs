//! A directed graph over nodes numbered from 0, and reachability in it.

/// A directed graph: node `n`'s successors are `successors[n]`, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digraph {
    pub successors: Vec<Vec<usize>>,
}

impl Digraph {
    pub fn new(successors: Vec<Vec<usize>>) -> Digraph {
        Digraph { successors }
    }

    pub fn node_count(&self) -> usize {
        self.successors.len()
    }

    /// The same nodes with every edge turned around.
    pub fn reversed(&self) -> Digraph {
        let mut predecessors = vec![Vec::new(); self.node_count()];
        for (node, successors) in self.successors.iter().enumerate() {
            for &next in successors {
                predecessors[next].push(node);
            }
        }
        Digraph::new(predecessors)
    }

    /// Whether each node is reachable from `starts` (a start reaches itself).
    pub fn reachable_from(&self, starts: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut reached = vec![false; self.node_count()];
        let mut pending: Vec<usize> = starts.into_iter().collect();
        while let Some(node) = pending.pop() {
            if !reached[node] {
                reached[node] = true;
                pending.extend(&self.successors[node]);
            }
        }
        reached
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reachability_follows_edges_and_their_reverse() {
        // 0 → 1 → 2, 3 → 1
        let graph = Digraph::new(vec![vec![1], vec![2], vec![], vec![1]]);
        assert_eq!(graph.reachable_from([0]), [true, true, true, false]);
        assert_eq!(graph.reversed().reachable_from([1]), [true, true, false, true]);
        assert_eq!(graph.reachable_from([]), [false; 4]);
    }
}
