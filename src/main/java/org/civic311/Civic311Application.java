package org.civic311;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Civic311Application {

    public static void main(String[] args) {
        SpringApplication.run(Civic311Application.class, args);
    }
}
