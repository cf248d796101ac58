package org.asfcast.cli.config;

/** Live ASF on asfcast's standard input; at most one point can have it. */
public record StdinSource() implements PointSource {

    @Override
    public String describe() {
        return "standard input";
    }
}
