package dev.mainspring.model;

/** The λ weights of the composite loss L = L_topo + λ_time L_time + λ_SFS L_SFS + λ_demo L_demo. */
public record LossWeights(double time, double sfs, double demo) {}
