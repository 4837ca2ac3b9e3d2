-- The application's own version 1, which the library's V1 would collide with in one history table.
CREATE TABLE subscriber (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL);
