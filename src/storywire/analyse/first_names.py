"""Common first names of women and of men, for the gender of a person an article names but never calls "he" or
"she" (Amy Bishop, Ron Howard).

From the US Census Bureau's 1990 name files (``dist.female.first``, ``dist.male.first``; a work of the US federal
government, public domain): the 300 most frequent names of each list, kept only when at least 20 times as frequent
in it as in the other (not Kelly, Terry, Jamie, Leslie), less names other cultures give the other gender or that
open East Asian names (Andrea, Jean, Nicola, Kim, Lee).
"""
from __future__ import annotations

from typing import Literal

FEMALE = frozenset("""
    Agnes Alice Alicia Allison Alma Amanda Amber Amy Ana Angela Anita Ann Anna Anne Annette Annie April Arlene
    Ashley Audrey Barbara Beatrice Becky Bernice Bertha Bessie Beth Betty Beverly Bonnie Brandy Brenda
    Brittany Carla Carole Caroline Carolyn Carrie Cassandra Catherine Cathy Charlene Charlotte Cheryl
    Christina Christine Christy Cindy Claire Clara Claudia Colleen Connie Constance Crystal Cynthia Daisy
    Danielle Darlene Dawn Deanna Debbie Deborah Debra Delores Denise Diana Diane Dianne Dolores Donna Dora
    Doris Dorothy Edith Edna Eileen Elaine Eleanor Elizabeth Ella Ellen Elsie Emily Emma Erica Erika Erin
    Esther Ethel Eva Evelyn Felicia Florence Frances Gail Georgia Geraldine Gertrude Gina Gladys Glenda Gloria
    Grace Gwendolyn Hazel Heather Heidi Helen Hilda Holly Ida Irene Irma Jacqueline Jane Janet Janice Jeanette
    Jeanne Jennie Jennifer Jenny Jessica Jill Jo Joan Joann Joanne Josephine Joy Joyce Juanita Judith Judy
    Julia Julie June Karen Katherine Kathleen Kathryn Kathy Katie Katrina Kay Kimberly Kristen Kristin
    Kristina Laura Lauren Laurie Leah Lena Leona Lillian Lillie Linda Lisa Lois Loretta Lori Lorraine Louise
    Lucille Lucy Lydia Mabel Mae Marcia Margaret Margie Marian Marie Marilyn Marjorie Marlene Marsha Martha
    Mary Mattie Maureen Maxine Megan Melanie Melinda Melissa Michelle Mildred Minnie Miriam Misty Monica
    Myrtle Nancy Naomi Natalie Nellie Nicole Nina Nora Norma Olga Pamela Patricia Patsy Paula Pauline Pearl
    Peggy Penny Phyllis Priscilla Rachel Ramona Rebecca Regina Renee Rhonda Rita Roberta Rosa Rose Rosemary
    Ruby Ruth Sally Samantha Sandra Sara Sarah Sharon Sheila Shelly Sherri Sherry Shirley Sonia Stella
    Stephanie Sue Susan Suzanne Sylvia Tamara Tammy Tanya Tara Teresa Terri Thelma Theresa Tiffany Tina Toni
    Tonya Valerie Vanessa Velma Vera Veronica Vicki Vickie Victoria Viola Violet Virginia Vivian Wanda Wendy
    Wilma Yolanda Yvonne
""".split())

MALE = frozenset("""
    Aaron Adam Alan Albert Alberto Alex Alexander Alfred Alfredo Allan Allen Alvin Andre Andrew Andy Anthony
    Antonio Armando Arnold Arthur Barry Ben Benjamin Bernard Bill Billy Bob Bobby Brad Bradley Brandon Brent
    Brett Brian Bruce Bryan Byron Calvin Carl Carlos Chad Charles Chester Christopher Clarence Claude Clayton
    Clifford Clifton Clinton Clyde Cody Craig Curtis Dan Daniel Danny Darrell Darren Darryl Daryl Dave David
    Dean Dennis Derek Derrick Don Donald Douglas Duane Dustin Dwayne Dwight Earl Edgar Eduardo Edward Edwin
    Elmer Enrique Eric Erik Ernest Eugene Everett Felix Fernando Floyd Francisco Frank Franklin Fred Frederick
    Gabriel Gary George Gerald Gilbert Glen Glenn Gordon Greg Gregory Guy Harold Harry Harvey Hector Henry
    Herbert Herman Howard Hugh Ian Isaac Ivan Jack Jacob James Jared Jason Javier Jay Jeff Jeffery Jeffrey
    Jeremy Jerome Jerry Jesse Jesus Jim Jimmy Joe Joel John Johnny Jon Jonathan Jorge Jose Joseph Joshua Juan
    Julian Julio Justin Karl Keith Ken Kenneth Kent Kevin Kirk Kurt Kyle Lance Larry Lawrence Leo Leon Leonard
    Leroy Lester Lewis Lloyd Louis Luis Manuel Marc Marcus Mario Mark Marshall Martin Marvin Mathew Matthew
    Maurice Max Melvin Michael Micheal Miguel Mike Milton Mitchell Morris Nathan Nathaniel Neil Nelson
    Nicholas Norman Oscar Patrick Paul Pedro Perry Peter Philip Phillip Rafael Ralph Ramon Randall Randy Raul
    Ray Raymond Reginald Ricardo Richard Rick Ricky Robert Roberto Rodney Roger Roland Ron Ronald Ronnie Ross
    Roy Ruben Russell Ryan Salvador Sam Samuel Scott Sean Sergio Seth Shane Stanley Stephen Steve Steven Ted
    Terrance Terrence Theodore Thomas Tim Timothy Todd Tom Tommy Tony Travis Troy Tyler Tyrone Vernon Victor
    Vincent Virgil Wade Wallace Walter Warren Wayne Wesley Willard William Zachary
""".split())


def first_name_gender(word: str) -> Literal["f", "m", "?"]:
    """"f" or "m" for a common first name of women or of men, "?" for any other word."""
    return "f" if word in FEMALE else "m" if word in MALE else "?"
