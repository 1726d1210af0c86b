package io.vprop.cli;

public final class VpropCli {
    public static void main(String[] args) {
        System.out.println("vprop");
    }
}
