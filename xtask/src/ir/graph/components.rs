//! Strongly connected components: the nodes that reach one another.

use super::digraph::Digraph;

impl Digraph {
    /// The strongly connected component of each node, by number: two nodes
    /// share one exactly when each reaches the other. A node on no cycle
    /// has a component of its own. Tarjan's algorithm, iterative so that
    /// long `$ref` chains cannot overflow the stack.
    pub fn strongly_connected_components(&self) -> Vec<usize> {
        let n = self.node_count();
        let mut index = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut component = vec![usize::MAX; n];
        let mut next_index = 0;
        let mut next_component = 0;
        for root in 0..n {
            if index[root] != usize::MAX {
                continue;
            }
            // Each entry: a node, and how many of its edges are followed.
            let mut work: Vec<(usize, usize)> = vec![(root, 0)];
            while let Some(&mut (node, ref mut edge)) = work.last_mut() {
                if *edge == 0 && index[node] == usize::MAX {
                    index[node] = next_index;
                    low[node] = next_index;
                    next_index += 1;
                    stack.push(node);
                    on_stack[node] = true;
                }
                if let Some(&next) = self.successors[node].get(*edge) {
                    *edge += 1;
                    if index[next] == usize::MAX {
                        work.push((next, 0));
                    } else if on_stack[next] {
                        low[node] = low[node].min(index[next]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_that_reach_each_other_share_a_component() {
        // 0 ⇄ 1 → 2, 3 → 3, 4 alone; a chain long enough to overflow a
        // recursive walk.
        let graph = Digraph::new(vec![vec![1], vec![0, 2], vec![], vec![3], vec![]]);
        let component = graph.strongly_connected_components();
        assert_eq!(component[0], component[1]);
        let distinct: std::collections::BTreeSet<usize> =
            [component[0], component[2], component[3], component[4]].into();
        assert_eq!(distinct.len(), 4);
        let chain = Digraph::new((0..100_000).map(|n| if n + 1 < 100_000 { vec![n + 1] } else { vec![0] }).collect());
        assert!(chain.strongly_connected_components().iter().all(|&c| c == 0));
    }
}
